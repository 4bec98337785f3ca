"""Demo listings for `manage.py load_demo_data`: data only, read by the command.

Every group, venue, street, person and link here is invented. The postcodes use real outward
codes (so that venues get a location from meetings/data/) with made-up inward codes; links and
email addresses use the example.org domain, and phone numbers come from Ofcom's ranges for drama.
"""

import datetime

from meetings.models import (
    Attendance,
    Frequency,
    Openness,
    Status,
    Weekday,
    WeekOfMonth,
)
from programmes.models import Abstinence, Approach, NoteKind

PROGRAMMES = [
    {
        "name": "Narcotics Anonymous",
        "short_name": "NA",
        "slug": "narcotics-anonymous",
        "approach": Approach.TWELVE_STEP,
        "summary": (
            "Narcotics Anonymous is a fellowship of people who help each other to stop using "
            "drugs and stay clean. Members meet to share their experience and work through "
            "twelve steps, often with the help of a sponsor."
        ),
        "description": (
            "NA welcomes anyone with a desire to stop using, whatever the drug. Meetings follow "
            "a set format with readings, and members are encouraged to keep coming, to get a "
            "sponsor and to work the steps. NA asks for complete abstinence from all drugs, "
            "including alcohol."
        ),
        "spiritual": True,
        "abstinence": Abstinence.COMPLETE,
        "website": "https://ukna.org",
        "helpline": "0300 999 1212",
        "notes": {
            NoteKind.PRO: [
                "It is free, and you can go to as many meetings as you like.",
                "There are meetings across the UK, in person and online, on most days of the week.",
                "You meet people who have been where you are and have stayed clean, and a "
                "sponsor can support you one to one.",
                "The steps and readings give you a clear structure to follow, a day at a time.",
            ],
            NoteKind.CON: [
                "It is spiritual: the steps talk about a higher power, which some people find "
                "hard to accept.",
                "It asks for complete abstinence, and many groups count prescribed opioid "
                "substitutes such as methadone or buprenorphine as using, so you may not feel "
                "fully welcome while on a prescription.",
                "The readings, rituals and language of the meetings can feel strange at first.",
                "Members are encouraged to keep going for life, which is a big commitment.",
                "It is peer support, not treatment: it does not replace help from your GP or "
                "drug service.",
            ],
            NoteKind.SUITABILITY: [
                "You want to stop using all drugs completely, rather than cut down.",
                "You are comfortable with, or open to, the idea of a higher power of your own "
                "understanding.",
                "You would like a sponsor and a clear set of steps to work through.",
                "You can get to a meeting at least once a week, which is when mutual aid "
                "helps most.",
            ],
        },
    },
    {
        "name": "Alcoholics Anonymous",
        "short_name": "AA",
        "slug": "alcoholics-anonymous",
        "approach": Approach.TWELVE_STEP,
        "summary": (
            "Alcoholics Anonymous is a fellowship of people who share their experience to help "
            "each other stop drinking and stay sober. The only requirement for membership is a "
            "desire to stop drinking. Members work through the Twelve Steps, often with a "
            "sponsor."
        ),
        "description": (
            "AA is the oldest and largest of the 12-step fellowships, with meetings in most "
            "towns. Meetings may be a speaker sharing their story, a discussion, or a study of "
            "the steps or the book Alcoholics Anonymous (the 'Big Book')."
        ),
        "spiritual": True,
        "abstinence": Abstinence.COMPLETE,
        "website": "https://www.alcoholics-anonymous.org.uk",
        "helpline": "0800 9177 650",
        "notes": {
            NoteKind.PRO: [
                "It is free, and there are more AA meetings than any other kind, so there is "
                "usually one near you or online today.",
                "You meet people who understand drinking from the inside and have found a way "
                "to stop.",
                "A sponsor and a regular 'home group' give you people to call between meetings.",
                "It is anonymous and confidential: you only share what you want to.",
            ],
            NoteKind.CON: [
                "It is spiritual: the steps ask you to rely on a higher power, which some "
                "people find hard to accept.",
                "It asks for complete abstinence from alcohol; it is not a way to learn to "
                "drink less.",
                "Meetings are about alcohol, so if drugs are your main problem you may feel "
                "more at home in NA or CA.",
                "It is peer support, not treatment: it does not replace help from your GP or "
                "alcohol service, and stopping heavy drinking suddenly can be dangerous "
                "without medical advice.",
            ],
            NoteKind.SUITABILITY: [
                "You want to stop drinking altogether.",
                "You are comfortable with, or open to, the idea of a higher power of your own "
                "understanding.",
                "You would like the support of a sponsor and a long-term fellowship.",
                "You can get to a meeting at least once a week, which is when mutual aid "
                "helps most.",
            ],
        },
    },
    {
        "name": "Cocaine Anonymous",
        "short_name": "CA",
        "slug": "cocaine-anonymous",
        "approach": Approach.TWELVE_STEP,
        "summary": (
            "Cocaine Anonymous is a fellowship of people who help each other to recover from "
            "addiction to cocaine and all other mind-altering substances, including alcohol. "
            "It follows the Twelve Steps, with meetings and sponsorship."
        ),
        "description": (
            "CA welcomes anyone with a desire to stop using cocaine and all other "
            "mind-altering substances. It follows the same Twelve Steps as AA and NA, and has "
            "a growing number of meetings in UK cities and online."
        ),
        "spiritual": True,
        "abstinence": Abstinence.COMPLETE,
        "website": "https://cauk.org.uk",
        "helpline": "",
        "notes": {
            NoteKind.PRO: [
                "It is free, and it welcomes people whose main problem is cocaine or crack "
                "cocaine, who may not feel at home elsewhere.",
                "You meet people who have used the way you have and are now staying clean.",
                "A sponsor and the Twelve Steps give you structure and someone to turn to.",
            ],
            NoteKind.CON: [
                "It is spiritual: the steps talk about a higher power, which some people find "
                "hard to accept.",
                "It asks for complete abstinence from all mind-altering substances, usually "
                "including prescribed opioid substitutes.",
                "There are fewer CA meetings than NA or AA ones, so you may need to travel or "
                "join online.",
                "It is peer support, not treatment: it does not replace help from your GP or "
                "drug service.",
            ],
            NoteKind.SUITABILITY: [
                "Cocaine or crack cocaine is your main problem and you want to stop using "
                "everything.",
                "You are open to a spiritual programme and the idea of a higher power.",
                "You would like a sponsor and a fellowship to stay part of for the long term.",
                "You can get to a meeting, in person or online, at least once a week.",
            ],
        },
    },
    {
        "name": "SMART Recovery",
        "short_name": "SMART",
        "slug": "smart-recovery",
        "approach": Approach.SKILLS_BASED,
        "summary": (
            "SMART Recovery helps people to change addictive behaviour, whether that is "
            "drinking, drug use, gambling or something else. It is secular and teaches "
            "practical tools from cognitive behavioural therapy (CBT) and motivational "
            "approaches. You set your own goals and go at your own pace."
        ),
        "description": (
            "Meetings are led by a trained facilitator, often someone with lived experience. "
            "Members talk about how their week has gone and use tools such as a cost-benefit "
            "analysis or an urge log. People on prescribed medication are welcome."
        ),
        "spiritual": False,
        "abstinence": Abstinence.MAT_WELCOME,
        "website": "https://smartrecovery.org.uk",
        "helpline": "",
        "notes": {
            NoteKind.PRO: [
                "It is secular: there is no higher power, just practical tools based on CBT "
                "and motivational approaches.",
                "People on medication-assisted treatment, such as methadone or buprenorphine, "
                "are fully welcome.",
                "You decide your own goals and change at your own pace, building your own "
                "skills and confidence.",
                "It is free, and the same tools work for drink, drugs, gambling and other habits.",
            ],
            NoteKind.CON: [
                "There are fewer meetings than the big 12-step fellowships, especially outside "
                "cities.",
                "There are no sponsors, so one-to-one support between meetings is less built in.",
                "You are asked to practise the tools between meetings, which takes effort.",
                "It is peer support, not treatment: it does not replace help from your GP or "
                "drug and alcohol service.",
            ],
            NoteKind.SUITABILITY: [
                "You would rather not rely on a higher power.",
                "You are on a prescription such as methadone or buprenorphine and want support "
                "alongside it.",
                "You like practical, step-by-step tools for managing urges and changing habits.",
                "You are not yet sure whether to stop completely and want to work it out at "
                "your own pace.",
            ],
        },
    },
]

# (name, slug, parent slug): parents come before their children.
AREAS = [
    ("England", "england", None),
    ("Scotland", "scotland", None),
    ("Wales", "wales", None),
    ("Northern Ireland", "northern-ireland", None),
    ("Greater Manchester", "greater-manchester", "england"),
    ("Manchester", "manchester", "greater-manchester"),
    ("Salford", "salford", "greater-manchester"),
    ("London", "london", "england"),
    ("Camden", "camden", "london"),
    ("Hackney", "hackney", "london"),
    ("Bristol", "bristol", "england"),
    ("Leeds", "leeds", "england"),
    ("Glasgow", "glasgow", "scotland"),
    ("Edinburgh", "edinburgh", "scotland"),
    ("Cardiff", "cardiff", "wales"),
    ("Swansea", "swansea", "wales"),
    ("Belfast", "belfast", "northern-ireland"),
]


def venue(name, address, postcode, step_free, hearing_loop=False, access_notes=""):
    return {
        "name": name,
        "address_line_1": address,
        "postcode": postcode,
        "step_free": step_free,
        "hearing_loop": hearing_loop,
        "accessible_toilet": step_free,
        "access_notes": access_notes,
    }


STAIRS = "The meeting room is upstairs and there is no lift."
NHS_PREMISES = "On NHS treatment premises: ask at reception for the group room."

# Each place has a daytime and an evening meeting on every day of the week (see
# `weekly_town_meetings` in the command), held at its venues in turn. `place` names the
# meetings; `town` goes on the venues' addresses.
TOWNS = [
    {
        "area": "manchester",
        "place": "Manchester",
        "town": "Manchester",
        "lero": "Larkspur Lived Experience Network",
        "hybrid_evening": Weekday.THURSDAY,
        "evening_focuses": {
            Weekday.MONDAY: ["women"],
            Weekday.FRIDAY: ["lgbtq"],
            Weekday.SATURDAY: ["young-people"],
        },
        "venues": [
            venue("St Anne's Community Hall", "14 Larkspur Street", "M1 7QX", True, True),
            venue(
                "Cotton Lane Health Centre", "3 Cotton Lane", "M4 6WE", True, False, NHS_PREMISES
            ),
            venue(
                "Birchfield Methodist Church Hall",
                "27 Birchfield Road",
                "M14 5RT",
                False,
                access_notes="Three steps up to the main door.",
            ),
        ],
    },
    {
        "area": "salford",
        "place": "Salford",
        "town": "Salford",
        "lero": "Irwell Recovery Collective",
        "hybrid_evening": Weekday.MONDAY,
        "evening_focuses": {Weekday.TUESDAY: ["men"], Weekday.FRIDAY: ["newcomers"]},
        "venues": [
            venue("Irwell View Community Centre", "2 Wharfside Way", "M5 4JP", True),
            venue("St Brendan's Parish Rooms", "61 Orchard Walk", "M6 8LD", False, False, STAIRS),
            venue("Quayside Recovery Café", "Unit 4, Dockyard Mews", "M50 3YB", True, True),
        ],
    },
    {
        "area": "camden",
        "place": "Camden",
        "town": "London",
        "lero": "",
        "hybrid_evening": Weekday.WEDNESDAY,
        "evening_focuses": {Weekday.WEDNESDAY: ["lgbtq"], Weekday.SUNDAY: ["women"]},
        "venues": [
            venue("Eversholt Court Community Room", "9 Pembury Row", "NW1 2HG", True),
            venue(
                "St Jude's Crypt",
                "40 Lamplighter Lane",
                "WC1H 9BQ",
                False,
                access_notes="Down a flight of stairs to the crypt.",
            ),
            venue("Kentish Fields Neighbourhood Centre", "118 Maple Rise", "NW5 3TF", True, True),
        ],
    },
    {
        "area": "hackney",
        "place": "Hackney",
        "town": "London",
        "lero": "",
        "hybrid_evening": Weekday.SUNDAY,
        "evening_focuses": {
            Weekday.MONDAY: ["ethnic-minorities"],
            Weekday.THURSDAY: ["women"],
            Weekday.SATURDAY: ["lgbtq"],
        },
        "venues": [
            venue("Cranberry Yard Community Hall", "5 Cranberry Yard", "E8 2LS", True),
            venue(
                "St Hilda's Church Hall",
                "22 Orchard Terrace",
                "E5 0PW",
                False,
                access_notes="One step at the entrance; a portable ramp is available on request.",
            ),
            venue("Wickfield Recovery Hub", "Unit 7, Canal Arches", "E9 5NA", True, True),
        ],
    },
    {
        "area": "bristol",
        "place": "Bristol",
        "town": "Bristol",
        "lero": "Harbour Lights Recovery Community",
        "hybrid_evening": Weekday.TUESDAY,
        "evening_focuses": {Weekday.TUESDAY: ["women"], Weekday.FRIDAY: ["young-people"]},
        "venues": [
            venue("Harbourside Community Rooms", "3 Ropewalk Lane", "BS1 6QR", True, True),
            venue("St Anselm's Church Hall", "48 Greenbank Crescent", "BS5 7HN", False),
            venue("Tanner's Yard Wellbeing Centre", "12 Tanner's Yard", "BS3 4DG", True),
        ],
    },
    {
        "area": "leeds",
        "place": "Leeds",
        "town": "Leeds",
        "lero": "",
        "hybrid_evening": Weekday.FRIDAY,
        "evening_focuses": {Weekday.WEDNESDAY: ["newcomers"], Weekday.SUNDAY: ["lgbtq"]},
        "venues": [
            venue("Mill Race Community Centre", "6 Mill Race Walk", "LS11 5TB", True, True),
            venue("St Oswin's Church Hall", "31 Beckett Grove", "LS6 2QJ", False, False, STAIRS),
            venue(
                "Linden House Treatment Centre",
                "2 Chapel Fold",
                "LS2 8EW",
                True,
                True,
                NHS_PREMISES,
            ),
        ],
    },
    {
        "area": "glasgow",
        "place": "Glasgow",
        "town": "Glasgow",
        "lero": "",
        "hybrid_evening": Weekday.SATURDAY,
        "evening_focuses": {Weekday.MONDAY: ["men"], Weekday.THURSDAY: ["women"]},
        "venues": [
            venue("Clydeside Community Hall", "15 Ferryboat Lane", "G3 8LP", True),
            venue(
                "St Ronan's Church Hall",
                "77 Thistlebank Road",
                "G41 3EX",
                False,
                access_notes="Stairs to the first-floor hall.",
            ),
            venue("Kelvin Mews Recovery Café", "4 Kelvin Mews", "G12 9JR", True, True),
        ],
    },
    {
        "area": "edinburgh",
        "place": "Edinburgh",
        "town": "Edinburgh",
        "lero": "Wynd Recovery Collective",
        "hybrid_evening": Weekday.TUESDAY,
        "evening_focuses": {Weekday.TUESDAY: ["lgbtq"], Weekday.SATURDAY: ["newcomers"]},
        "venues": [
            venue("Calton Vennel Community Rooms", "8 Calton Vennel", "EH7 5AF", True),
            venue("St Finnan's Church Hall", "19 Rowan Wynd", "EH11 2LP", False, False, STAIRS),
            venue("Harbour Wynd Recovery Hub", "Unit 2, Harbour Wynd", "EH6 6QS", True, True),
        ],
    },
    {
        "area": "cardiff",
        "place": "Cardiff",
        "town": "Cardiff",
        "lero": "",
        "hybrid_evening": Weekday.WEDNESDAY,
        "evening_focuses": {Weekday.WEDNESDAY: ["women"], Weekday.FRIDAY: ["lgbtq"]},
        "venues": [
            venue("Tŷ Derwen Community Centre", "25 Oakfield Parade", "CF24 3NJ", True, True),
            venue("St Tydfil's Church Hall", "10 Chapel Row West", "CF11 6BE", False),
            venue("Bay Chandlery Rooms", "3 Ropemakers Quay", "CF10 4RS", True),
        ],
    },
    {
        "area": "swansea",
        "place": "Swansea",
        "town": "Swansea",
        "lero": "",
        "hybrid_evening": Weekday.THURSDAY,
        "evening_focuses": {Weekday.MONDAY: ["newcomers"]},
        "venues": [
            venue("Marina Point Community Room", "6 Anchor Walk", "SA1 1XE", True),
            venue(
                "Capel Seion Vestry",
                "42 Hillside Terrace",
                "SA2 0LW",
                False,
                access_notes="A steep path and two steps up to the vestry door.",
            ),
            venue("Seaview Recovery Hub", "1 Pilot Lane", "SA3 4BD", True, True),
        ],
    },
    {
        "area": "belfast",
        "place": "Belfast",
        "town": "Belfast",
        "lero": "",
        "hybrid_evening": Weekday.MONDAY,
        "evening_focuses": {Weekday.WEDNESDAY: ["young-people"], Weekday.SUNDAY: ["women"]},
        "venues": [
            venue("Laganside Community Centre", "11 Weavers Court", "BT1 3LQ", True, True),
            venue("St Fiacre's Parish Hall", "56 Linen Row", "BT12 4HW", False),
            venue("Rosebank Recovery Café", "2 Rosebank Mews", "BT7 1FD", True),
        ],
    },
]

# The weekly meetings take turns through these, starting at a different point in each town.
DAYTIME_PROGRAMMES = ["AA", "NA", "SMART", "AA", "CA", "NA", "AA"]
EVENING_PROGRAMMES = ["NA", "AA", "CA", "NA", "AA", "SMART", "AA"]
DAYTIME_STARTS = [
    datetime.time(10, 0),
    datetime.time(12, 30),
    datetime.time(7, 30),
    datetime.time(13, 0),
    datetime.time(11, 0),
    datetime.time(14, 0),
    datetime.time(15, 30),
]
EVENING_STARTS = [
    datetime.time(19, 30),
    datetime.time(18, 30),
    datetime.time(20, 0),
    datetime.time(19, 0),
    datetime.time(18, 0),
    datetime.time(21, 0),
    datetime.time(19, 0),
]
DAYTIME_MINUTES = 60
EVENING_MINUTES = 90

# "{place}" becomes the town's name.
MEETING_NAMES = {
    "NA": [
        "Just for Today",
        "Living Clean",
        "Clean and Serene",
        "Recovery in Action",
        "Freedom to Change",
        "A New Way of Life",
        "Miracles Happen",
    ],
    "AA": [
        "Serenity Group",
        "Keep It Simple",
        "Back to Basics",
        "One Day at a Time",
        "Easy Does It",
        "First Things First",
        "{place} Big Book Study",
        "Live and Let Live",
    ],
    "CA": ["Fresh Start", "Clear Horizons", "Freedom Group", "Walk the Talk", "Clean Slate"],
    "SMART": ["SMART Recovery {place}"],
}
TWELVE_STEP_FEATURES = [
    ["discussion", "newcomers-welcome"],
    ["speaker"],
    ["step-study", "literature"],
    ["discussion"],
    ["literature", "discussion"],
    ["speaker", "newcomers-welcome"],
]
SMART_FEATURES = ["discussion", "newcomers-welcome"]

PUBLIC_NOTES = [
    "Tea and coffee from half an hour before the start.",
    "Ring the bell at the side door and someone will let you in.",
    "Free parking behind the building after 6pm.",
    "If it is your first meeting, come a few minutes early so that someone can say hello.",
    "The room is signed from reception: follow the green arrows.",
]
STAFF_NOTES = [
    "The secretary changes every six months: confirm the contact at the next check.",
    "The venue booking is renewed each spring; ask whether the time will change.",
    "Reported as busy: the group is thinking about a second weekly meeting.",
]
CONTACT_NAMES = ["Sam K.", "Alex M.", "Chris D.", "Pat R.", "Lee T.", "Nicky B.", "Ash W."]
HYBRID_NOTES = "The video link opens 10 minutes before the start. Cameras are optional."
# Verification dates count back from here, so that some listings look stale.
LAST_CHECKED = datetime.date(2026, 11, 2)

# Listings written out one by one: online meetings and the unusual ones. Fields left out take
# the command's defaults (weekly, active, in person, open, English).
MEETINGS = [
    {
        "slug": "na-lifeline-online",
        "programme": "narcotics-anonymous",
        "name": "Lifeline Online",
        "attendance": Attendance.ONLINE,
        "online_url": "https://meet.example.org/na-lifeline",
        "online_meeting_id": "812 4470 1234",
        "online_passcode": "lifeline",
        "weekday": Weekday.MONDAY,
        "start_time": datetime.time(20, 0),
        "end_time": datetime.time(21, 30),
        "features": ["discussion", "newcomers-welcome"],
        "public_notes": "Cameras are optional. Newcomers are asked to share first if they wish.",
        "last_verified": datetime.date(2026, 10, 12),
    },
    {
        "slug": "na-morning-meditation-online",
        "programme": "narcotics-anonymous",
        "name": "Morning Meditation",
        "attendance": Attendance.ONLINE,
        "online_url": "https://meet.example.org/na-morning-meditation",
        "weekday": Weekday.TUESDAY,
        "start_time": datetime.time(7, 30),
        "end_time": datetime.time(8, 15),
        "features": ["literature"],
        "last_verified": datetime.date(2026, 9, 1),
    },
    {
        "slug": "na-rainbow-online",
        "programme": "narcotics-anonymous",
        "name": "Rainbow Recovery Online",
        "attendance": Attendance.ONLINE,
        "online_url": "https://meet.example.org/na-rainbow",
        "weekday": Weekday.SUNDAY,
        "start_time": datetime.time(19, 0),
        "end_time": datetime.time(20, 30),
        "openness": Openness.CLOSED,
        "focuses": ["lgbtq"],
        "features": ["discussion"],
        "last_verified": datetime.date(2026, 8, 20),
    },
    {
        "slug": "na-newcomers-online",
        "programme": "narcotics-anonymous",
        "name": "Newcomers Online",
        "attendance": Attendance.ONLINE,
        "online_url": "https://meet.example.org/na-newcomers",
        "weekday": Weekday.SATURDAY,
        "start_time": datetime.time(11, 0),
        "end_time": datetime.time(12, 0),
        "focuses": ["newcomers"],
        "features": ["newcomers-welcome", "discussion"],
        "public_notes": "A gentle introduction to NA. You do not have to say anything.",
    },
    {
        "slug": "aa-lunchtime-online",
        "programme": "alcoholics-anonymous",
        "name": "Lunchtime Online",
        "attendance": Attendance.ONLINE,
        "online_url": "https://meet.example.org/aa-lunchtime",
        "weekday": Weekday.WEDNESDAY,
        "start_time": datetime.time(12, 30),
        "end_time": datetime.time(13, 30),
        "features": ["discussion"],
        "last_verified": datetime.date(2026, 7, 15),
    },
    {
        "slug": "aa-telephone-meeting",
        "programme": "alcoholics-anonymous",
        "name": "Telephone Meeting",
        "attendance": Attendance.ONLINE,
        "phone_dial_in": "020 7946 0321",
        "online_meeting_id": "4417 2290",
        "online_notes": "Dial in and enter the meeting ID when asked. Calls cost the same as a "
        "call to any 020 number.",
        "weekday": Weekday.THURSDAY,
        "start_time": datetime.time(19, 0),
        "end_time": datetime.time(20, 0),
        "features": ["discussion"],
    },
    {
        "slug": "aa-women-online",
        "programme": "alcoholics-anonymous",
        "name": "Women in Sobriety Online",
        "attendance": Attendance.ONLINE,
        "online_url": "https://meet.example.org/aa-women",
        "weekday": Weekday.SUNDAY,
        "start_time": datetime.time(18, 0),
        "end_time": datetime.time(19, 30),
        "openness": Openness.CLOSED,
        "focuses": ["women"],
        "features": ["speaker"],
        "last_verified": datetime.date(2026, 10, 30),
    },
    {
        "slug": "aa-night-owls-online",
        "programme": "alcoholics-anonymous",
        "name": "Night Owls",
        "attendance": Attendance.ONLINE,
        "online_url": "https://meet.example.org/aa-night-owls",
        "weekday": Weekday.FRIDAY,
        "start_time": datetime.time(22, 0),
        "end_time": datetime.time(23, 0),
        "features": ["discussion", "newcomers-welcome"],
    },
    {
        "slug": "ca-uk-online",
        "programme": "cocaine-anonymous",
        "name": "CA UK Online",
        "attendance": Attendance.ONLINE,
        "online_url": "https://meet.example.org/ca-uk-online",
        "weekday": Weekday.FRIDAY,
        "start_time": datetime.time(20, 0),
        "end_time": datetime.time(21, 30),
        "features": ["speaker", "newcomers-welcome"],
        "last_verified": datetime.date(2026, 6, 5),
    },
    {
        "slug": "ca-across-the-pond-online",
        "programme": "cocaine-anonymous",
        "name": "Across the Pond",
        "attendance": Attendance.ONLINE,
        "online_url": "https://meet.example.com/ca-across-the-pond",
        "weekday": Weekday.SATURDAY,
        "start_time": datetime.time(14, 0),
        "end_time": datetime.time(15, 30),
        "time_zone": "America/New_York",
        "features": ["discussion"],
        "public_notes": "Run from New York. 2pm there is usually 7pm in the UK.",
        "last_verified": datetime.date(2026, 9, 28),
    },
    {
        "slug": "smart-monday-evening-online",
        "programme": "smart-recovery",
        "name": "SMART Recovery Online: Monday Evening",
        "attendance": Attendance.ONLINE,
        "online_url": "https://meet.example.org/smart-monday",
        "weekday": Weekday.MONDAY,
        "start_time": datetime.time(19, 0),
        "end_time": datetime.time(20, 30),
        "features": ["discussion", "newcomers-welcome"],
        "last_verified": datetime.date(2026, 11, 1),
    },
    {
        "slug": "smart-wednesday-morning-online",
        "programme": "smart-recovery",
        "name": "SMART Recovery Online: Wednesday Morning",
        "attendance": Attendance.ONLINE,
        "online_url": "https://meet.example.org/smart-wednesday",
        "weekday": Weekday.WEDNESDAY,
        "start_time": datetime.time(10, 0),
        "end_time": datetime.time(11, 30),
        "features": ["discussion"],
    },
    {
        "slug": "smart-lgbtq-online",
        "programme": "smart-recovery",
        "name": "SMART Recovery Online: LGBTQ+",
        "attendance": Attendance.ONLINE,
        "online_url": "https://meet.example.org/smart-lgbtq",
        "weekday": Weekday.THURSDAY,
        "start_time": datetime.time(19, 30),
        "end_time": datetime.time(21, 0),
        "focuses": ["lgbtq"],
        "features": ["discussion"],
        "last_verified": datetime.date(2026, 10, 2),
    },
    {
        "slug": "smart-young-people-online",
        "programme": "smart-recovery",
        "name": "SMART Recovery Online: Young People",
        "attendance": Attendance.ONLINE,
        "online_url": "https://meet.example.org/smart-young-people",
        "weekday": Weekday.SATURDAY,
        "start_time": datetime.time(16, 0),
        "end_time": datetime.time(17, 0),
        "focuses": ["young-people"],
        "features": ["discussion", "newcomers-welcome"],
        "public_notes": "For people aged 16 to 25.",
    },
    {
        "slug": "smart-family-and-friends-online",
        "programme": "smart-recovery",
        "name": "SMART Family & Friends Online",
        "attendance": Attendance.ONLINE,
        "online_url": "https://meet.example.org/smart-family-and-friends",
        "weekday": Weekday.TUESDAY,
        "start_time": datetime.time(19, 0),
        "end_time": datetime.time(20, 30),
        "focuses": ["families"],
        "features": ["discussion"],
        "public_notes": "For anyone affected by someone else's drinking, drug use or gambling.",
    },
    {
        "slug": "smart-family-and-friends-bristol",
        "programme": "smart-recovery",
        "name": "SMART Family & Friends Bristol",
        "group_name": "Harbour Lights Recovery Community",
        "venue": "Harbourside Community Rooms",
        "weekday": Weekday.THURSDAY,
        "start_time": datetime.time(18, 30),
        "end_time": datetime.time(20, 0),
        "frequency": Frequency.FORTNIGHTLY,
        "fortnight_anchor": datetime.date(2026, 1, 8),
        "focuses": ["families"],
        "features": ["discussion"],
        "public_notes": "For anyone affected by someone else's drinking, drug use or gambling. "
        "Every other Thursday: check the next date before you travel.",
        "contact_name": "Jo P.",
        "contact_email": "family-bristol@example.org",
        "contact_public": True,
        "last_verified": datetime.date(2026, 10, 20),
    },
    {
        "slug": "aa-first-tuesday-speaker-leeds",
        "programme": "alcoholics-anonymous",
        "name": "First Tuesday Speaker Meeting",
        "venue": "Mill Race Community Centre",
        "weekday": Weekday.TUESDAY,
        "start_time": datetime.time(19, 30),
        "end_time": datetime.time(21, 0),
        "frequency": Frequency.MONTHLY,
        "week_of_month": WeekOfMonth.FIRST,
        "features": ["speaker", "newcomers-welcome"],
        "public_notes": "A longer share from one member, then tea. Friends and family welcome.",
        "last_verified": datetime.date(2026, 9, 14),
    },
    {
        "slug": "na-last-sunday-speaker-glasgow",
        "programme": "narcotics-anonymous",
        "name": "Last Sunday Speaker Meeting",
        "venue": "Clydeside Community Hall",
        "weekday": Weekday.SUNDAY,
        "start_time": datetime.time(14, 0),
        "end_time": datetime.time(16, 0),
        "frequency": Frequency.MONTHLY,
        "week_of_month": WeekOfMonth.LAST,
        "features": ["speaker"],
    },
    {
        "slug": "ca-fresh-start-swansea",
        "programme": "cocaine-anonymous",
        "name": "Fresh Start Swansea",
        "status": Status.TEMPORARILY_CLOSED,
        "venue": "Capel Seion Vestry",
        "weekday": Weekday.WEDNESDAY,
        "start_time": datetime.time(19, 0),
        "end_time": datetime.time(20, 30),
        "features": ["discussion"],
        "public_notes": "Closed while the vestry roof is repaired. The online CA meetings are "
        "running as usual.",
        "staff_notes": "The secretary will email when the vestry reopens; check again next month.",
        "contact_name": "Dai H.",
        "contact_email": "ca-swansea@example.org",
        "last_verified": datetime.date(2026, 10, 5),
    },
    {
        "slug": "aa-deaf-access-leeds",
        "programme": "alcoholics-anonymous",
        "name": "Deaf Access Meeting",
        "attendance": Attendance.HYBRID,
        "venue": "Mill Race Community Centre",
        "online_url": "https://meet.example.org/aa-deaf-access-leeds",
        "online_notes": "Captions are switched on for the video link.",
        "weekday": Weekday.SATURDAY,
        "start_time": datetime.time(11, 0),
        "end_time": datetime.time(12, 30),
        "focuses": ["bsl"],
        "features": ["discussion"],
        "languages": "British Sign Language, English",
        "public_notes": "Signed throughout by a BSL interpreter, in the room and on the video.",
        "last_verified": datetime.date(2026, 8, 8),
    },
    {
        "slug": "aa-un-dydd-ar-y-tro-cardiff",
        "programme": "alcoholics-anonymous",
        "name": "Un Dydd ar y Tro",
        "venue": "Tŷ Derwen Community Centre",
        "weekday": Weekday.THURSDAY,
        "start_time": datetime.time(12, 0),
        "end_time": datetime.time(13, 0),
        "features": ["discussion"],
        "languages": "Welsh",
        "public_notes": "Cyfarfod yn Gymraeg. A Welsh-language meeting; learners are welcome.",
    },
    {
        "slug": "na-tylko-dzis-hackney",
        "programme": "narcotics-anonymous",
        "name": "Tylko Dziś",
        "venue": "Cranberry Yard Community Hall",
        "weekday": Weekday.SUNDAY,
        "start_time": datetime.time(17, 0),
        "end_time": datetime.time(18, 30),
        "openness": Openness.CLOSED,
        "features": ["literature", "discussion"],
        "languages": "Polish",
        "public_notes": "Spotkanie w języku polskim. A Polish-language meeting.",
    },
    {
        "slug": "smart-back-to-work-salford",
        "programme": "smart-recovery",
        "name": "SMART Recovery: Back to Work",
        "group_name": "Irwell Recovery Collective",
        "venue": "Quayside Recovery Café",
        "weekday": Weekday.WEDNESDAY,
        "start_time": datetime.time(10, 30),
        "end_time": datetime.time(12, 0),
        "focuses": ["employment", "social-networks"],
        "features": ["discussion"],
        "public_notes": "Help with CVs, volunteering and training after the meeting.",
        "contact_name": "Irwell Recovery Collective",
        "contact_email": "hello@irwell-recovery.example.org",
        "contact_phone": "0161 496 0742",
        "contact_public": True,
        "last_verified": datetime.date(2026, 10, 27),
    },
    {
        "slug": "smart-mental-health-manchester",
        "programme": "smart-recovery",
        "name": "SMART Recovery and Mental Health",
        "group_name": "Larkspur Lived Experience Network",
        "venue": "Cotton Lane Health Centre",
        "weekday": Weekday.FRIDAY,
        "start_time": datetime.time(13, 0),
        "end_time": datetime.time(14, 30),
        "focuses": ["mental-health"],
        "features": ["discussion"],
        "public_notes": "Held on NHS premises. You do not need to be a patient to come.",
        "staff_notes": "Room booked through the service's volunteer coordinator.",
    },
    {
        "slug": "aa-womens-morning-bristol",
        "programme": "alcoholics-anonymous",
        "name": "Women's Morning Group",
        "venue": "Tanner's Yard Wellbeing Centre",
        "weekday": Weekday.TUESDAY,
        "start_time": datetime.time(9, 30),
        "end_time": datetime.time(11, 0),
        "openness": Openness.CLOSED,
        "focuses": ["women"],
        "features": ["discussion", "childcare"],
        "public_notes": "A crèche runs in the next room; please say if you need a place.",
        "last_verified": datetime.date(2026, 9, 22),
    },
]
