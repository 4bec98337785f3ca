"""Wording reviewed for accuracy and safety: AA leaves prescribed medication to members and
their doctors; "stop completely" rather than "complete abstinence from the start"; no "clean"
in the site's own voice; plainer words for "secular" and "MAT". Texts are changed only where
staff have not edited them, and a new note is added only where its place is free."""

from django.db import migrations, models
from django.utils import timezone

# (programme slug, field, shipped before, shipped now)
FIELDS = [('narcotics-anonymous',
  'summary',
  'A worldwide fellowship of people who help each other stay clean from all drugs, alcohol '
  'included. Members follow twelve steps, with support from a “sponsor”: a more experienced '
  'member.',
  'A worldwide fellowship of people who help each other stay off all drugs, alcohol included. '
  'Members follow twelve steps, with support from a “sponsor”: a more experienced member.'),
 ('narcotics-anonymous',
  'description',
  'NA is a 12-step fellowship: members work through twelve steps, which include admitting the '
  'problem, relying on a “higher power” of their own understanding (which need not be a god), '
  'making amends and helping others.\n'
  '\n'
  'The aim is complete abstinence from all drugs. Many members count prescribed opioid '
  'substitutes such as methadone or buprenorphine as drug use, so people on them are welcome '
  'at meetings but may not be seen as “clean”.\n'
  '\n'
  'Meetings are free, run by members, and confidential. Many members keep going for years, and '
  'going at least once a week is what helps most. NA works alongside treatment; it is not a '
  'replacement for medical care.',
  'NA is a 12-step fellowship: members work through twelve steps, which include admitting the '
  'problem, relying on a “higher power” of their own understanding (which need not be a god), '
  'putting right harm they have done, and helping others. You do not have to believe anything '
  'to go.\n'
  '\n'
  'The aim is to stop all drugs completely. You can go while you are still using, as long as '
  'you want to stop. Many members count prescribed opioid substitutes such as methadone or '
  'buprenorphine as drug use: people on them are welcome at any meeting, but some members may '
  'not see them as “clean” (NA’s word for drug-free), and some groups ask people on them not '
  'to share or take service roles.\n'
  '\n'
  'Meetings are free, run by members, and confidential. Many members keep going for years, and '
  'going at least once a week is what helps most. NA works alongside treatment; it is not a '
  'replacement for medical care.'),
 ('narcotics-anonymous',
  'first_meeting',
  'You can just turn up: there is no need to book, and it is free. Someone will usually say '
  'hello and may offer you a cup of tea.\n'
  '\n'
  'Meetings last about an hour to ninety minutes. They open with short readings, then members '
  'take turns to share their experience. You do not have to speak: many people only listen for '
  'their first few meetings. If you are asked, saying “I’m new and would just like to listen” '
  'is fine.\n'
  '\n'
  'Only first names are used, and what is said there stays there. An open meeting welcomes '
  'anyone, including a friend who comes with you; a closed meeting is for people who think '
  'they may have a problem.',
  'You can just turn up: there is no need to book. Someone will usually say hello and may '
  'offer you a cup of tea. Meetings are free: a pot may go round to pay for the room, but you '
  'do not have to give.\n'
  '\n'
  'Meetings last about an hour to ninety minutes. They open with short readings, then members '
  'take turns to share their experience. You do not have to speak: many people only listen for '
  'their first few meetings. If you are asked, saying “I’m new and would just like to listen” '
  'is fine. Many meetings end with a short prayer or reading: you can join in or stay quiet.\n'
  '\n'
  'Only first names are used, and what is said there stays there. An open meeting welcomes '
  'anyone, including a friend who comes with you; a closed meeting is for people who have, or '
  'think they have, the problem the group is about. If you have had a drink or used since your '
  'last meeting, you are still welcome.'),
 ('narcotics-anonymous',
  'structure',
  'Readings, then members share in turn; the twelve steps and traditions',
  'Readings, then members share in turn; the twelve steps, and twelve traditions that guide '
  'how groups run'),
 ('alcoholics-anonymous', 'abstinence', 'complete', 'complete-rx-ok'),
 ('alcoholics-anonymous',
  'description',
  'AA began in the 1930s and has meetings in almost every town in the UK. The only requirement '
  'for membership is a desire to stop drinking.\n'
  '\n'
  'Like other 12-step groups, AA asks members to rely on a “higher power” of their own '
  'understanding. Many members are not religious and understand this in their own way, for '
  'example as the group itself.\n'
  '\n'
  'Meetings are free, run by members, and confidential. Going at least once a week helps most, '
  'and many members keep going for life. AA is not a replacement for medical care: stopping '
  'heavy drinking suddenly can be dangerous, so talk to your GP or alcohol service first.',
  'AA began in the 1930s and has meetings in almost every town in the UK. The only requirement '
  'for membership is a desire to stop drinking.\n'
  '\n'
  'Like other 12-step groups, AA’s steps suggest relying on a “higher power” of your own '
  'understanding. Many members are not religious and understand this in their own way, for '
  'example as the group itself. You do not have to believe anything to go. AA leaves '
  'prescribed medication to you and your doctor.\n'
  '\n'
  'Meetings are free, run by members, and confidential. Going at least once a week helps most, '
  'and many members keep going for life. AA is not a replacement for medical care: stopping '
  'heavy drinking suddenly can be dangerous, so talk to your GP or alcohol service first.'),
 ('alcoholics-anonymous',
  'first_meeting',
  'You can just turn up: there is no need to book, and it is free. Someone will usually say '
  'hello and may offer you a cup of tea.\n'
  '\n'
  'Meetings last about an hour to ninety minutes. They open with short readings, then members '
  'take turns to share their experience. You do not have to speak: many people only listen for '
  'their first few meetings. If you are asked, saying “I’m new and would just like to listen” '
  'is fine.\n'
  '\n'
  'Only first names are used, and what is said there stays there. An open meeting welcomes '
  'anyone, including a friend who comes with you; a closed meeting is for people who think '
  'they may have a problem.',
  'You can just turn up: there is no need to book. Someone will usually say hello and may '
  'offer you a cup of tea. Meetings are free: a pot may go round to pay for the room, but you '
  'do not have to give.\n'
  '\n'
  'Meetings last about an hour to ninety minutes. They open with short readings, then members '
  'take turns to share their experience. You do not have to speak: many people only listen for '
  'their first few meetings. If you are asked, saying “I’m new and would just like to listen” '
  'is fine. Many meetings end with a short prayer or reading: you can join in or stay quiet.\n'
  '\n'
  'Only first names are used, and what is said there stays there. An open meeting welcomes '
  'anyone, including a friend who comes with you; a closed meeting is for people who have, or '
  'think they have, the problem the group is about. If you have had a drink or used since your '
  'last meeting, you are still welcome.'),
 ('alcoholics-anonymous',
  'structure',
  'Readings, then members share in turn; the twelve steps and traditions',
  'Readings, then members share in turn; the twelve steps, and twelve traditions that guide '
  'how groups run'),
 ('cocaine-anonymous',
  'description',
  'CA follows the same twelve steps as AA and NA. Although it is named after cocaine, members '
  'aim to stop all mind-altering substances.\n'
  '\n'
  'As in NA, many members do not count prescribed opioid substitutes as being clean, though '
  'everyone is welcome to attend.\n'
  '\n'
  'Meetings are free, run by members, and confidential. CA has fewer meetings than AA or NA, '
  'but many are online. It works alongside treatment, not instead of it.',
  'CA follows the same twelve steps as AA and NA. Although it is named after cocaine, members '
  'aim to stop all mind-altering substances.\n'
  '\n'
  'As in NA, many members count prescribed opioid substitutes as drug use, though everyone is '
  'welcome to attend.\n'
  '\n'
  'Meetings are free, run by members, and confidential. CA has fewer meetings than AA or NA, '
  'but many are online. It works alongside treatment, not instead of it.'),
 ('cocaine-anonymous',
  'first_meeting',
  'You can just turn up: there is no need to book, and it is free. Someone will usually say '
  'hello and may offer you a cup of tea.\n'
  '\n'
  'Meetings last about an hour to ninety minutes. They open with short readings, then members '
  'take turns to share their experience. You do not have to speak: many people only listen for '
  'their first few meetings. If you are asked, saying “I’m new and would just like to listen” '
  'is fine.\n'
  '\n'
  'Only first names are used, and what is said there stays there. An open meeting welcomes '
  'anyone, including a friend who comes with you; a closed meeting is for people who think '
  'they may have a problem.',
  'You can just turn up: there is no need to book. Someone will usually say hello and may '
  'offer you a cup of tea. Meetings are free: a pot may go round to pay for the room, but you '
  'do not have to give.\n'
  '\n'
  'Meetings last about an hour to ninety minutes. They open with short readings, then members '
  'take turns to share their experience. You do not have to speak: many people only listen for '
  'their first few meetings. If you are asked, saying “I’m new and would just like to listen” '
  'is fine. Many meetings end with a short prayer or reading: you can join in or stay quiet.\n'
  '\n'
  'Only first names are used, and what is said there stays there. An open meeting welcomes '
  'anyone, including a friend who comes with you; a closed meeting is for people who have, or '
  'think they have, the problem the group is about. If you have had a drink or used since your '
  'last meeting, you are still welcome.'),
 ('cocaine-anonymous',
  'structure',
  'Readings, then members share in turn; the twelve steps and traditions',
  'Readings, then members share in turn; the twelve steps, and twelve traditions that guide '
  'how groups run'),
 ('cocaine-anonymous',
  'family_support',
  'No family fellowship of its own; Nar-Anon and Al-Anon welcome families',
  'Co-Anon, its family fellowship, has few UK meetings; Nar-Anon welcomes the families of '
  'anyone who uses drugs, and Al-Anon those of someone who drinks'),
 ('smart-recovery',
  'summary',
  'Secular, practical meetings that teach tools from cognitive behavioural therapy (CBT), a '
  'talking therapy about how thoughts, feelings and actions link, to help you change at your '
  'own pace. People on prescribed medication are welcome.',
  'Practical meetings with no religious side. They use tools from cognitive behavioural '
  'therapy (CBT), a talking therapy, to help you change at your own pace. People on prescribed '
  'medication are welcome.'),
 ('smart-recovery',
  'description',
  'SMART stands for Self-Management And Recovery Training. It is for any addictive behaviour: '
  'alcohol, drugs, gambling and more. There is no spiritual element and no labels such as '
  '“addict”.\n'
  '\n'
  'Meetings are led by a trained facilitator, often someone in recovery. Members talk through '
  'what has happened in their week and use simple tools, such as weighing up the costs and '
  'benefits of using, and planning for cravings.\n'
  '\n'
  'You set your own goals. People on medication-assisted treatment (MAT), such as methadone or '
  'buprenorphine, are welcome. Many people go for months rather than years. Meetings are free '
  'and confidential, and work best if you go at least once a week. SMART works alongside '
  'treatment, not instead of it.',
  'SMART stands for Self-Management And Recovery Training. It is for any addictive behaviour: '
  'alcohol, drugs, gambling and more. There is no spiritual element and no labels such as '
  '“addict”.\n'
  '\n'
  'Meetings are led by a trained facilitator, often someone in recovery. Members talk through '
  'what has happened in their week and use simple tools, such as weighing up the costs and '
  'benefits of using, and planning for cravings.\n'
  '\n'
  'You set your own goals. People on a prescription such as methadone or buprenorphine are '
  'welcome. Many people go for months rather than years. Meetings are free and confidential, '
  'and work best if you go at least once a week. SMART works alongside treatment, not instead '
  'of it.'),
 ('smart-recovery-family-and-friends',
  'description',
  'Family & Friends groups use the same secular, practical approach as SMART Recovery, drawing '
  'on CBT and a method called CRAFT (Community Reinforcement and Family Training).\n'
  '\n'
  'You do not need the person you care about to be in recovery, or even to know you are going. '
  'The focus is on your own wellbeing and on communicating in ways that make change more '
  'likely.\n'
  '\n'
  'Meetings are free, confidential and led by a trained facilitator.',
  'Family & Friends groups use the same practical approach as SMART Recovery, with no '
  'religious side, drawing on CBT and a method called CRAFT (Community Reinforcement and '
  'Family Training).\n'
  '\n'
  'You do not need the person you care about to be in recovery, or even to know you are going. '
  'The focus is on your own wellbeing and on communicating in ways that make change more '
  'likely.\n'
  '\n'
  'Meetings are free, confidential and led by a trained facilitator.'),
 ('local-peer-support',
  'summary',
  'Groups and one-to-one support run by local Lived Experience Recovery Organisations (LEROs): '
  'charities led by people in recovery. They include recovery cafés, aftercare after detox or '
  'rehab, and peer mentors who can meet you before you feel ready for a group.',
  'Groups and one-to-one support run by local Lived Experience Recovery Organisations (LEROs), '
  'led by people in recovery. They include recovery cafés, aftercare after detox or rehab, and '
  'peer mentors who can meet you before you feel ready for a group.'),
 ('rational-recovery', 'abstinence', 'complete', 'for-good'),
 ('rational-recovery',
  'first_meeting',
  'There are no meetings: you learn the method on your own. If you would like company on the '
  'way, a SMART Recovery meeting is the closest secular option.',
  'There are no meetings: you learn the method on your own. If you would like company on the '
  'way, a SMART Recovery meeting is the closest non-religious option.')]

# (programme slug, kind, order, shipped before, shipped now)
NOTES = [('narcotics-anonymous',
  'pro',
  2,
  'A sponsor and a “home group” give you people to call between meetings.',
  'A sponsor and a “home group” (the group you go to most) give you people to call between '
  'meetings.'),
 ('narcotics-anonymous',
  'con',
  1,
  'Prescribed methadone or buprenorphine is often not counted as being clean.',
  'Prescribed methadone or buprenorphine is often not counted as being drug-free, and some '
  'groups limit sharing for people on it.'),
 ('narcotics-anonymous',
  'con',
  2,
  'It asks for complete abstinence from the start, which some are not ready for.',
  'The aim is to stop all drugs completely, which some people are not ready for.'),
 ('narcotics-anonymous',
  'con',
  3,
  'The readings and rituals can feel strange or churchy at first.',
  'The readings and rituals can feel strange or religious at first.'),
 ('cocaine-anonymous',
  'con',
  2,
  'Complete abstinence from everything, including prescribed substitutes for many members, is '
  'expected.',
  'The aim is to stop everything, and many members count prescribed substitutes as using.'),
 ('smart-recovery',
  'pro',
  0,
  'Secular: no “higher power”, readings or prayers.',
  'Not religious: no “higher power”, readings or prayers.'),
 ('smart-recovery-family-and-friends',
  'pro',
  2,
  'Secular and free, and the person you care about does not need to take part.',
  'Not religious, and free; the person you care about does not need to take part.'),
 ('rational-recovery',
  'pro',
  1,
  'Secular and simple, with no meetings to fit around work or family.',
  'Not religious and simple, with no meetings to fit around work or family.')]

# (programme slug, kind, order, text): new
NEW_NOTES = [('smart-recovery',
  'con',
  3,
  'Many groups meet in treatment services, and some are only for that service’s clients.')]

REASON = "Shipped wording reviewed (migration 0006)"


def update_shipped_wording(apps, schema_editor, forwards=True):
    Programme = apps.get_model("programmes", "Programme")
    ProgrammeNote = apps.get_model("programmes", "ProgrammeNote")
    programmes, notes = set(), set()
    for slug, name, before, now in FIELDS:
        before, now = (before, now) if forwards else (now, before)
        rows = Programme.objects.filter(slug=slug, **{name: before})
        programmes.update(rows.values_list("pk", flat=True))
        rows.update(**{name: now})
    for slug, kind, order, before, now in NOTES:
        before, now = (before, now) if forwards else (now, before)
        rows = ProgrammeNote.objects.filter(
            programme__slug=slug, kind=kind, order=order, text=before
        )
        notes.update(rows.values_list("pk", flat=True))
        rows.update(text=now)
    for slug, kind, order, text in NEW_NOTES:
        rows = ProgrammeNote.objects.filter(programme__slug=slug, kind=kind, order=order)
        if not forwards:
            rows.filter(text=text).delete()
        elif not rows.exists() and (programme := Programme.objects.filter(slug=slug).first()):
            notes.add(
                ProgrammeNote.objects.create(
                    programme=programme, kind=kind, order=order, text=text
                ).pk
            )
    # A version in each one's history, as an edit in admin makes: staff see why the text
    # changed, and the exports' and API's ETags, which follow programmes' history, change.
    record_versions(apps, "Programme", programmes)
    record_versions(apps, "ProgrammeNote", notes)


def record_versions(apps, model_name, pks):
    model = apps.get_model("programmes", model_name)
    history = apps.get_model("programmes", f"Historical{model_name}")
    now = timezone.now()
    for row in model.objects.filter(pk__in=pks):
        history.objects.create(
            **{field.attname: getattr(row, field.attname) for field in model._meta.concrete_fields},
            history_date=now,
            history_type="~",
            history_change_reason=REASON,
        )


def restore_shipped_wording(apps, schema_editor):
    update_shipped_wording(apps, schema_editor, forwards=False)


class Migration(migrations.Migration):

    dependencies = [
        ('programmes', '0005_slug_set_once'),
    ]

    operations = [
        migrations.AlterField(
            model_name='historicalprogramme',
            name='abstinence',
            field=models.CharField(choices=[('complete', 'Complete abstinence, often including prescribed substitutes'), ('complete-rx-ok', 'Stop drinking; prescribed medication is between you and your doctor'), ('for-good', 'Stop completely, for good'), ('mat-welcome', 'People on prescribed medication welcome'), ('own-goals', 'You set your own goals'), ('not-applicable', 'Not applicable: for families and friends')], max_length=20, verbose_name='what it expects about abstinence'),
        ),
        migrations.AlterField(
            model_name='programme',
            name='abstinence',
            field=models.CharField(choices=[('complete', 'Complete abstinence, often including prescribed substitutes'), ('complete-rx-ok', 'Stop drinking; prescribed medication is between you and your doctor'), ('for-good', 'Stop completely, for good'), ('mat-welcome', 'People on prescribed medication welcome'), ('own-goals', 'You set your own goals'), ('not-applicable', 'Not applicable: for families and friends')], max_length=20, verbose_name='what it expects about abstinence'),
        ),
        migrations.RunPython(update_shipped_wording, restore_shipped_wording),
    ]
