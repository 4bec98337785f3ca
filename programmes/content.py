"""The programmes this site explains, in plain words. Loaded by `manage.py load_programmes`.

Written from the domain facts in DESIGN.md. Staff may edit the text in admin; running
load_programmes again puts this shipped wording back.
"""

from programmes.models import Abstinence, Approach

FIRST_MEETING_12_STEP = (
    "You can just turn up: there is no need to book. Someone will usually say hello and may "
    "offer you a cup of tea. Meetings are free: a pot may go round to pay for the room, but "
    "you do not have to give.\n\n"
    "Meetings last about an hour to ninety minutes. They open with short readings, then "
    "members take turns to share their experience. You do not have to speak: many people "
    "only listen for their first few meetings. If you are asked, saying “I’m new and would "
    "just like to listen” is fine. Many meetings end with a short prayer or reading: you "
    "can join in or stay quiet.\n\n"
    "Only first names are used, and what is said there stays there. An open meeting "
    "welcomes anyone, including a friend who comes with you; a closed meeting is for "
    "people who have, or think they have, the problem the group is about. If you have had "
    "a drink or used since your last meeting, you are still welcome."
)

PROGRAMMES = [
    {
        "slug": "narcotics-anonymous",
        "name": "Narcotics Anonymous",
        "short_name": "NA",
        "approach": Approach.TWELVE_STEP,
        "spiritual": True,
        "abstinence": Abstinence.COMPLETE,
        "holds_meetings": True,
        "website": "https://ukna.org",
        "helpline": "0300 999 1212",
        "summary": (
            "A worldwide fellowship of people who help each other stay off all drugs, "
            "alcohol included. Members follow twelve steps, with support from a “sponsor”: "
            "a more experienced member."
        ),
        "description": (
            "NA is a 12-step fellowship: members work through twelve steps, which include "
            "admitting the problem, relying on a “higher power” of their own understanding "
            "(which need not be a god), putting right harm they have done, and helping "
            "others. You do not have to believe anything to go.\n\n"
            "The aim is to stop all drugs completely. You can go while you are still using, "
            "as long as you want to stop. Many members count prescribed opioid substitutes "
            "such as methadone or buprenorphine as drug use: people on them are welcome at "
            "any meeting, but some members may not see them as “clean” (NA’s word for "
            "drug-free), and some groups ask people on them not to share or take service roles.\n\n"
            "Meetings are free, run by members, and confidential. Many members keep going "
            "for years, and going at least once a week is what helps most. NA works alongside "
            "treatment; it is not a replacement for medical care."
        ),
        "first_meeting": FIRST_MEETING_12_STEP,
        "structure": "Readings, then members share in turn; the twelve steps, and twelve "
        "traditions that guide how groups run",
        "pace": "Lifelong: many members keep going for years",
        "group_size": "From a handful to fifty or more",
        "one_to_one_support": "A sponsor: a member with more experience who guides you",
        "family_support": "Nar-Anon is a separate fellowship for families and friends",
        "notes": {
            "pro": [
                "Meetings in most towns and online every day, so there is usually one soon.",
                "Free, and run by people who have lived through addiction themselves.",
                "A sponsor and a “home group” (the group you go to most) give you people to "
                "call between meetings.",
                "A clear structure and a long tradition that many people find steadying.",
            ],
            "con": [
                "The talk of a “higher power” and the spiritual language put some people off.",
                "Prescribed methadone or buprenorphine is often not counted as being "
                "drug-free, and some groups limit sharing for people on it.",
                "The aim is to stop all drugs completely, which some people are not ready for.",
                "The readings and rituals can feel strange or religious at first.",
            ],
            "suitability": [
                "you want to stop using all drugs completely, starting now",
                "you would like a structured programme and a sponsor to guide you",
                "you are comfortable with, or curious about, a spiritual side to recovery",
            ],
        },
    },
    {
        "slug": "alcoholics-anonymous",
        "name": "Alcoholics Anonymous",
        "short_name": "AA",
        "approach": Approach.TWELVE_STEP,
        "spiritual": True,
        "abstinence": Abstinence.COMPLETE_MEDICATION_YOURS,
        "holds_meetings": True,
        "website": "https://www.alcoholics-anonymous.org.uk",
        "helpline": "0800 9177 650",
        "summary": (
            "The original 12-step fellowship, for people who want to stop drinking. Members "
            "share their experience, work through twelve steps and support each other, often "
            "with a sponsor."
        ),
        "description": (
            "AA began in the 1930s and has meetings in almost every town in the UK. The only "
            "requirement for membership is a desire to stop drinking.\n\n"
            "Like other 12-step groups, AA’s steps suggest relying on a “higher power” of "
            "your own understanding. Many members are not religious and understand this in "
            "their own way, for example as the group itself. You do not have to believe "
            "anything to go. AA leaves prescribed medication to you and your doctor.\n\n"
            "Meetings are free, run by members, and confidential. Going at least once a week "
            "helps most, and many members keep going for life. AA is not a replacement for "
            "medical care: stopping heavy drinking suddenly can be dangerous, so talk to your "
            "GP or alcohol service first."
        ),
        "first_meeting": FIRST_MEETING_12_STEP,
        "structure": "Readings, then members share in turn; the twelve steps, and twelve "
        "traditions that guide how groups run",
        "pace": "Lifelong: many members keep going for years",
        "group_size": "From a handful to fifty or more",
        "one_to_one_support": "A sponsor: a member with more experience who guides you",
        "family_support": "Al-Anon is a separate fellowship for families and friends",
        "notes": {
            "pro": [
                "The most meetings of any programme, in person and online, at most times of day.",
                "Free, and run by people who understand drinking from the inside.",
                "Long-term friendships and a sponsor to call between meetings.",
                "Many meetings are open, so a friend or relative can come with you.",
            ],
            "con": [
                "The spiritual language and “higher power” are off-putting for some people.",
                "It is about alcohol: people whose main problem is other drugs may feel "
                "out of place.",
                "Some meetings feel formal or traditional, and groups vary a lot.",
            ],
            "suitability": [
                "your main problem is alcohol and you want to stop drinking completely",
                "you would like plenty of meetings to choose from, near you or online",
                "you want a sponsor and a long-term community",
            ],
        },
    },
    {
        "slug": "cocaine-anonymous",
        "name": "Cocaine Anonymous",
        "short_name": "CA",
        "approach": Approach.TWELVE_STEP,
        "spiritual": True,
        "abstinence": Abstinence.COMPLETE,
        "holds_meetings": True,
        "website": "https://cauk.org.uk",
        "helpline": "",
        "summary": (
            "A 12-step fellowship for people who want to stop using cocaine, crack and all "
            "other mind-altering substances, alcohol included."
        ),
        "description": (
            "CA follows the same twelve steps as AA and NA. Although it is named after "
            "cocaine, members aim to stop all mind-altering substances.\n\n"
            "As in NA, many members count prescribed opioid substitutes as drug use, though "
            "everyone is welcome to attend.\n\n"
            "Meetings are free, run by members, and confidential. CA has fewer meetings than "
            "AA or NA, but many are online. It works alongside treatment, not instead of it."
        ),
        "first_meeting": FIRST_MEETING_12_STEP,
        "structure": "Readings, then members share in turn; the twelve steps, and twelve "
        "traditions that guide how groups run",
        "pace": "Lifelong: many members keep going for years",
        "group_size": "Usually smaller: from a handful to about thirty",
        "one_to_one_support": "A sponsor: a member with more experience who guides you",
        "family_support": "Co-Anon, its family fellowship, has few UK meetings; Nar-Anon welcomes "
        "the families of anyone who uses drugs, and Al-Anon those of someone who drinks",
        "notes": {
            "pro": [
                "Members share your experience of cocaine or crack, which can make it easier "
                "to open up.",
                "Free, peer-led and confidential, with a sponsor for support between meetings.",
                "Many online meetings if there is none near you.",
            ],
            "con": [
                "Fewer meetings than AA or NA, especially outside cities.",
                "The spiritual side and the “higher power” do not suit everyone.",
                "The aim is to stop everything, and many members count prescribed "
                "substitutes as using.",
            ],
            "suitability": [
                "cocaine or crack is your main problem and you want to stop completely",
                "you would feel more at home with people who have used the same drugs",
                "you are open to a spiritual, step-by-step programme",
            ],
        },
    },
    {
        "slug": "smart-recovery",
        "name": "SMART Recovery",
        "short_name": "SMART",
        "approach": Approach.SKILLS_BASED,
        "spiritual": False,
        "abstinence": Abstinence.MAT_WELCOME,
        "holds_meetings": True,
        "website": "https://smartrecovery.org.uk",
        "helpline": "",
        "summary": (
            "Practical meetings with no religious side. They use tools from cognitive "
            "behavioural therapy (CBT), a talking therapy, to help you change at your own "
            "pace. People on prescribed medication are welcome."
        ),
        "description": (
            "SMART stands for Self-Management And Recovery Training. It is for any addictive "
            "behaviour: alcohol, drugs, gambling and more. There is no spiritual element and "
            "no labels such as “addict”.\n\n"
            "Meetings are led by a trained facilitator, often someone in recovery. Members "
            "talk through what has happened in their week and use simple tools, such as "
            "weighing up the costs and benefits of using, and planning for cravings.\n\n"
            "You set your own goals. People on a prescription such as methadone or "
            "buprenorphine are welcome. Many people go for months rather than "
            "years. Meetings are free and confidential, and work best if you go at least "
            "once a week. SMART works alongside treatment, not instead of it."
        ),
        "first_meeting": (
            "Meetings last about ninety minutes and are free. The facilitator will welcome "
            "you and explain how the meeting works.\n\n"
            "Everyone sits together, often in a circle of eight to twelve people. Each person "
            "briefly says how their week has gone, then the group spends time on one or two "
            "people’s situations and the tools that might help. You can pass if you would "
            "rather not speak.\n\n"
            "There are no readings or prayers, and what is said stays in the room."
        ),
        "structure": "A facilitator, a check-in, then practical tools applied to real situations",
        "pace": "Your own pace; many move on after months",
        "group_size": "Small: usually eight to twelve people",
        "one_to_one_support": "No sponsors; the facilitator and group support you",
        "family_support": "SMART Recovery Family & Friends meetings",
        "notes": {
            "pro": [
                "Not religious: no “higher power”, readings or prayers.",
                "People on methadone, buprenorphine or other prescribed medication are welcome.",
                "Practical tools you can use straight away, and you set your own goals.",
                "Small groups with a trained facilitator keep discussion focused.",
            ],
            "con": [
                "Fewer meetings than AA or NA, so there may not be one near you every day.",
                "No sponsor, so there is less one-to-one support between meetings.",
                "Some people miss the sense of a lifelong fellowship.",
                "Many groups meet in treatment services, and some are only for that "
                "service’s clients.",
            ],
            "suitability": [
                "a spiritual approach does not appeal to you",
                "you take prescribed medication such as methadone or buprenorphine",
                "you want practical tools and to change at your own pace",
            ],
        },
    },
    {
        "slug": "smart-recovery-family-and-friends",
        "name": "SMART Recovery Family & Friends",
        "short_name": "SMART F&F",
        "approach": Approach.SKILLS_BASED,
        "spiritual": False,
        "abstinence": Abstinence.NOT_APPLICABLE,
        "holds_meetings": True,
        "website": "https://smartrecovery.org.uk",
        "helpline": "",
        "summary": (
            "Meetings for people who care about someone with a drug or alcohol problem. "
            "They teach practical ways to look after yourself and to keep a good relationship "
            "with the person you are worried about."
        ),
        "description": (
            "Family & Friends groups use the same practical approach as SMART Recovery, "
            "with no religious side, drawing on CBT and a method called CRAFT (Community "
            "Reinforcement and Family Training).\n\n"
            "You do not need the person you care about to be in recovery, or even to know "
            "you are going. The focus is on your own wellbeing and on communicating in ways "
            "that make change more likely.\n\n"
            "Meetings are free, confidential and led by a trained facilitator."
        ),
        "first_meeting": (
            "The facilitator will welcome you and explain how the meeting works. People "
            "briefly say how things are, then the group looks at practical ways to handle "
            "situations at home. You can just listen, and what is said stays in the room."
        ),
        "structure": "A facilitator, a check-in, then practical tools for family life",
        "pace": "As long as it helps you",
        "group_size": "Small: usually under a dozen people",
        "one_to_one_support": "No sponsors; the facilitator and group support you",
        "family_support": "This is the family group",
        "notes": {
            "pro": [
                "Focuses on your own wellbeing, not only on the person you worry about.",
                "Practical ways to talk and set boundaries, with no blame.",
                "Not religious, and free; the person you care about does not need to take part.",
            ],
            "con": [
                "There are few groups, so you may need to join online.",
                "It cannot make the person you care about change.",
                "Some people would rather have a spiritual family group such as Al-Anon.",
            ],
            "suitability": [
                "someone you love has a drug or alcohol problem and you need support too",
                "you want practical ideas rather than a spiritual programme",
                "you would like to keep a relationship going while things are hard",
            ],
        },
    },
    {
        "slug": "local-peer-support",
        "name": "Local peer support and one-to-one",
        "short_name": "Peer support",
        "approach": Approach.OTHER,
        "spiritual": False,
        "abstinence": Abstinence.MAT_WELCOME,
        "holds_meetings": True,
        "website": "",
        "helpline": "",
        "summary": (
            "Groups and one-to-one support run by local Lived Experience Recovery "
            "Organisations (LEROs), led by people in recovery. They include recovery "
            "cafés, aftercare after detox or rehab, and peer mentors who can meet you before "
            "you feel ready for a group."
        ),
        "description": (
            "LEROs are local organisations run by people with lived experience of addiction. "
            "Many work with NHS drug and alcohol services and councils, and some hold groups "
            "on NHS treatment premises.\n\n"
            "What they offer varies: recovery cafés, walking or activity groups, aftercare "
            "groups after detox or rehab, help with housing, work and training, and "
            "one-to-one peer mentors who can go with you to your first meeting of any kind.\n\n"
            "Most welcome people on prescribed medication and do not ask for complete "
            "abstinence. Ask your local drug and alcohol service what is near you."
        ),
        "first_meeting": (
            "It depends on the group: often a relaxed drop-in with tea and conversation. "
            "If you would rather start one-to-one, ask for a peer mentor; they have been "
            "where you are and can meet you somewhere you feel comfortable."
        ),
        "structure": "Varies: drop-ins, activities, aftercare groups and one-to-one support",
        "pace": "Your own pace",
        "group_size": "Varies; one-to-one is available",
        "one_to_one_support": "Peer mentors with lived experience, often before any group",
        "family_support": "Many run family support; ask locally",
        "notes": {
            "pro": [
                "One-to-one support if you are not ready for a group.",
                "Local people who know local services, housing and work support.",
                "Usually welcomes people on prescribed medication, whatever their goals.",
            ],
            "con": [
                "What is on offer varies a lot from one area to another.",
                "Groups may meet less often than the big fellowships.",
                "Some services are only for people referred by a treatment service.",
            ],
            "suitability": [
                "you are not ready for a group yet and would like to start one-to-one",
                "you have just left detox or rehab and want aftercare near home",
                "you want help with everyday life, such as housing, work or friendships",
            ],
        },
    },
    {
        "slug": "rational-recovery",
        "name": "Rational Recovery",
        "short_name": "RR",
        "approach": Approach.SKILLS_BASED,
        "spiritual": False,
        # It asks for a commitment never to drink or use again ("planned, permanent
        # abstinence"), so "your own goals" would misdescribe it.
        "abstinence": Abstinence.FOR_GOOD,
        "holds_meetings": False,
        "website": "https://rational.org",
        "helpline": "",
        # The pages add that it has no meetings to list (Programme.holds_meetings).
        "summary": "A self-help method you learn on your own, from a book or website.",
        "description": (
            "Rational Recovery teaches a technique for recognising the inner voice that "
            "urges you to drink or use, and refusing it. It asks you to commit to never "
            "using again, by yourself, without meetings or sponsors.\n\n"
            "It is not a mutual aid group: there are no meetings to go to, so it does not "
            "give the regular contact with other people that helps many in recovery. Some "
            "people use its ideas alongside a group. It is not a replacement for medical care."
        ),
        "first_meeting": (
            "There are no meetings: you learn the method on your own. If you would like "
            "company on the way, a SMART Recovery meeting is the closest non-religious option."
        ),
        "structure": "No meetings: a technique you learn and practise alone",
        "pace": "A firm decision to stop, then practice",
        "group_size": "No groups",
        "one_to_one_support": "None",
        "family_support": "None",
        "notes": {
            "pro": [
                "Private: you can learn it alone, at home.",
                "Not religious and simple, with no meetings to fit around work or family.",
                "Some people find its idea of separating themselves from cravings freeing.",
            ],
            "con": [
                "No groups, so no regular contact with others in recovery.",
                "No sponsor, mentor or facilitator to turn to on a hard day.",
                "It is not widely used in the UK, so few people can talk it through with you.",
            ],
            "suitability": [
                "you strongly prefer to work on your own",
                "you have tried groups and they were not for you",
                "you want a simple idea to use alongside other support",
            ],
        },
    },
]
