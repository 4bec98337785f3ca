import datetime

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.text import slugify

from meetings import demo_data
from meetings.models import (
    UK_TIME_ZONE,
    Area,
    Attendance,
    Feature,
    Focus,
    Frequency,
    Meeting,
    Openness,
    Status,
    Venue,
    Weekday,
)
from programmes.content import PROGRAMMES
from programmes.models import Approach, Programme

# Every field a listing may leave out, so that a rerun also undoes edits made since.
MEETING_DEFAULTS = {
    "group_name": "",
    "status": Status.ACTIVE,
    "attendance": Attendance.IN_PERSON,
    "venue": None,
    "online_url": "",
    "online_meeting_id": "",
    "online_passcode": "",
    "phone_dial_in": "",
    "online_notes": "",
    "end_time": None,
    "frequency": Frequency.WEEKLY,
    "fortnight_anchor": None,
    "week_of_month": None,
    "time_zone": UK_TIME_ZONE,
    "openness": Openness.OPEN,
    "languages": "English",
    "public_notes": "",
    "last_verified": None,
    "staff_notes": "",
    "contact_name": "",
    "contact_email": "",
    "contact_phone": "",
    "contact_public": False,
    "focuses": [],
    "features": [],
}


CHANGE_REASON = "Demo data (load_demo_data)"  # in the history, where an editor's name would be


class Command(BaseCommand):
    help = "Load fictional demo programmes, areas, venues and meetings. Safe to run again."

    @transaction.atomic
    def handle(self, *args, **options):
        programmes = self.load_programmes()
        areas = self.load_areas()
        venues = self.load_venues(areas)
        meetings = self.load_meetings(programmes, venues)
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {len(programmes)} programmes, {len(areas)} areas, "
                f"{len(venues)} venues, {meetings} meetings."
            )
        )

    def load_programmes(self):
        call_command("load_programmes", stdout=self.stdout)
        return {programme.slug: programme for programme in Programme.objects.all()}

    def load_areas(self):
        areas = {}
        for name, slug, parent_slug in demo_data.AREAS:
            areas[slug] = put_back(
                Area, {"slug": slug}, {"name": name, "parent": areas.get(parent_slug)}
            )
        self.stdout.write(f"Areas: {len(areas)}")
        return areas

    def load_venues(self, areas):
        venues = {}
        for town in demo_data.TOWNS:
            for fields in town["venues"]:
                defaults = {**fields, "area": areas[town["area"]]}
                name = defaults.pop("name")
                venues[name] = put_back(Venue, {"name": name, "town": town["town"]}, defaults)
        self.stdout.write(f"Venues: {len(venues)}")
        return venues

    def load_meetings(self, programmes, venues):
        focuses = {focus.slug: focus for focus in Focus.objects.all()}
        features = {feature.slug: feature for feature in Feature.objects.all()}
        listings = weekly_town_meetings() + demo_data.MEETINGS
        for listing in listings:
            fields = {**MEETING_DEFAULTS, **listing}
            fields["programme"] = programmes[fields["programme"]]
            if fields["venue"]:
                fields["venue"] = venues[fields["venue"]]
            focus_slugs, feature_slugs = fields.pop("focuses"), fields.pop("features")
            slug = fields.pop("slug")
            meeting = Meeting.objects.filter(slug=slug).first() or Meeting(slug=slug)
            created = meeting.pk is None
            for name, value in fields.items():
                setattr(meeting, name, value)
            # One version in its history, with its focuses and features, when it is added;
            # none when it is put back as shipped, as on every `make run`.
            meeting.skip_history_when_saving = True
            meeting.save()
            meeting.focuses.set([focuses[slug] for slug in focus_slugs])
            meeting.features.set([features[slug] for slug in feature_slugs])
            del meeting.skip_history_when_saving
            if created:
                meeting._change_reason = CHANGE_REASON
                meeting.save(update_fields=["updated"])
                meeting.history.update(history_type="+")
        self.stdout.write(f"Meetings: {len(listings)}")
        return len(listings)


def put_back(model, lookup, fields):
    """The row found by `lookup`, added or put back as shipped with `fields`: saved, with a
    version in its history, only when added or changed since."""
    row = model.objects.filter(**lookup).first() or model(**lookup)
    changed = row.pk is None or any(getattr(row, name) != value for name, value in fields.items())
    if changed:
        for name, value in fields.items():
            setattr(row, name, value)
        row._change_reason = CHANGE_REASON
        row.save()
    return row


def weekly_town_meetings():
    """A daytime and an evening meeting in every town on every day of the week."""
    listings = []
    for town_number, town in enumerate(demo_data.TOWNS):
        for weekday in Weekday:
            for evening in (False, True):
                listings.append(weekly_listing(len(listings), town_number, town, weekday, evening))
    return listings


def weekly_listing(number, town_number, town, weekday, evening):
    """The `number`th weekly listing: fixed rules, so that every run gives the same listings."""
    # Each town starts at a different point in the turns of programme, time and name.
    turn = (town_number + weekday) % 7
    if evening:
        short_name = demo_data.EVENING_PROGRAMMES[turn]
        start = demo_data.EVENING_STARTS[turn]
        minutes = demo_data.EVENING_MINUTES
    else:
        short_name = demo_data.DAYTIME_PROGRAMMES[turn]
        start = demo_data.DAYTIME_STARTS[turn]
        minutes = demo_data.DAYTIME_MINUTES
    programme = next(p for p in PROGRAMMES if p["short_name"] == short_name)
    twelve_step = programme["approach"] == Approach.TWELVE_STEP
    slug = slugify(f"{short_name} {town['area']} {weekday.label} {start:%H%M}")
    listing = {
        "slug": slug,
        "programme": programme["slug"],
        "name": pick(demo_data.MEETING_NAMES[short_name], turn + 3 * evening).format(
            place=town["place"]
        ),
        "group_name": "" if twelve_step else town["lero"],
        "venue": town["venues"][(weekday + evening) % 3]["name"],
        "weekday": weekday,
        "start_time": start,
        # Every fourth listing has no end time, as many real ones don't.
        "end_time": None if number % 4 == 3 else add_minutes(start, minutes),
        "openness": Openness.CLOSED if twelve_step and number % 3 == 0 else Openness.OPEN,
        "focuses": town["evening_focuses"].get(weekday, []) if evening else [],
        "features": demo_data.SMART_FEATURES,
        "last_verified": (
            None
            if number % 9 == 8
            else demo_data.LAST_CHECKED - datetime.timedelta(days=number * 37 % 540)
        ),
    }
    if twelve_step:
        features = demo_data.TWELVE_STEP_FEATURES[number % len(demo_data.TWELVE_STEP_FEATURES)]
        listing["features"] = [*features, "attendance-letter"] if number % 6 == 1 else features
    if evening and weekday == town["hybrid_evening"]:
        listing["attendance"] = Attendance.HYBRID
        listing["online_url"] = f"https://meet.example.org/{slug}"
        listing["online_notes"] = demo_data.HYBRID_NOTES
    if number % 5 == 2:
        listing["public_notes"] = pick(demo_data.PUBLIC_NOTES, number // 5)
    if number % 7 == 3:
        listing["staff_notes"] = pick(demo_data.STAFF_NOTES, number // 7)
    if number % 3 == 1:
        listing["contact_name"] = pick(demo_data.CONTACT_NAMES, number)
        listing["contact_email"] = f"{slug}@example.org"
    return listing


def pick(choices, number):
    return choices[number % len(choices)]


def add_minutes(time, minutes):
    start = datetime.datetime.combine(datetime.date.min, time)
    return (start + datetime.timedelta(minutes=minutes)).time()
