import datetime

import factory

from meetings.models import Area, Attendance, Feature, Focus, Meeting, Venue, Weekday
from programmes.models import Abstinence, Approach, NoteKind, Programme, ProgrammeNote


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Programme {n}")
    short_name = factory.Sequence(lambda n: f"P{n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    approach = Approach.TWELVE_STEP
    summary = "A fellowship of people who help each other stay clean."
    spiritual = True
    abstinence = Abstinence.COMPLETE


class ProgrammeNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeNote

    programme = factory.SubFactory(ProgrammeFactory)
    kind = NoteKind.PRO
    text = factory.Sequence(lambda n: f"Note {n}")


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    name = factory.Sequence(lambda n: f"Area {n}")
    slug = factory.Sequence(lambda n: f"area-{n}")


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Venue {n}")
    address_line_1 = "1 High Street"
    town = "Manchester"
    postcode = "M1 1AE"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    venue = factory.SubFactory(VenueFactory)
    name = factory.Sequence(lambda n: f"Meeting {n}")
    slug = factory.Sequence(lambda n: f"meeting-{n}")
    weekday = Weekday.MONDAY
    start_time = datetime.time(19, 30)

    class Params:
        online = factory.Trait(
            attendance=Attendance.ONLINE, venue=None, online_url="https://meet.example.org/abc"
        )
        hybrid = factory.Trait(
            attendance=Attendance.HYBRID, online_url="https://meet.example.org/hybrid"
        )

    @factory.post_generation
    def focuses(self, create, slugs):
        """MeetingFactory(focuses=["women"]) uses the focuses that the migrations load."""
        if create and slugs:
            self.focuses.set(Focus.objects.filter(slug__in=slugs))

    @factory.post_generation
    def features(self, create, slugs):
        if create and slugs:
            self.features.set(Feature.objects.filter(slug__in=slugs))


def create_meetings_in_bulk(count, focus=None, **fields):
    """`count` meetings of one programme at one venue, inserted in a few queries."""
    fields.setdefault("programme", ProgrammeFactory())
    fields.setdefault("weekday", Weekday.MONDAY)
    if fields.get("attendance") != Attendance.ONLINE:
        fields.setdefault("venue", VenueFactory())
    start = Meeting.objects.count()
    meetings = [
        Meeting(
            name=f"Bulk meeting {start + i}",
            slug=f"bulk-meeting-{start + i}",
            start_time=datetime.time(19, 30),
            **fields,
        )
        for i in range(count)
    ]
    for meeting in meetings:
        meeting.set_derived_fields()  # bulk_create() does not call save()
    Meeting.objects.bulk_create(meetings)
    if focus:
        focus = Focus.objects.get(slug=focus)
        Meeting.focuses.through.objects.bulk_create(
            Meeting.focuses.through(meeting=meeting, focus=focus) for meeting in meetings
        )
    return meetings
