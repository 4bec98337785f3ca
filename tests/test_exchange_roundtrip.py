"""Our exports read back by our own importer: the Meeting Guide feed and the CSV, without loss."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from meetings.exchange import importer
from meetings.models import Meeting, Source, Venue
from programmes.models import Programme

pytestmark = pytest.mark.django_db

MEETING_FIELDS = [
    "name",
    "slug",
    "group_name",
    "status",
    "attendance",
    "online_url",
    "online_meeting_id",
    "online_passcode",
    "online_notes",
    "weekday",
    "start_time",
    "end_time",
    "frequency",
    "fortnight_anchor",
    "week_of_month",
    "time_zone",
    "openness",
    "languages",
    "public_notes",
]
VENUE_FIELDS = [
    "name",
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "country",
    "access_notes",
    "step_free",
    "hearing_loop",
    "accessible_toilet",
]


def snapshot():
    """Every public fact about every published meeting, temporarily closed ones too (one in
    the demo data), keyed by slug."""
    meetings = (
        Meeting.objects.published()
        .select_related("programme", "venue__area")
        .prefetch_related("focuses", "features")
    )
    return {meeting.slug: facts(meeting) for meeting in meetings}


def facts(meeting):
    facts = {field: getattr(meeting, field) for field in MEETING_FIELDS}
    facts["programme"] = meeting.programme.slug
    # The feed gives dial-in numbers in the spec's one-tap form: digits only.
    facts["phone_dial_in"] = meeting.phone_dial_in.replace(" ", "")
    facts["focuses"] = sorted(focus.slug for focus in meeting.focuses.all())
    facts["features"] = sorted(feature.slug for feature in meeting.features.all())
    if meeting.contact_public:
        facts["contact"] = (meeting.contact_name, meeting.contact_email, meeting.contact_phone)
    if venue := meeting.venue:
        facts["venue"] = {field: getattr(venue, field) for field in VENUE_FIELDS}
        facts["venue"]["area"] = venue.area.slug if venue.area else None
        facts["venue"]["location"] = (round(venue.latitude, 5), round(venue.longitude, 5))
    return facts


def export_each_programme(client, url_name, suffix, tmp_path):
    """One file per programme, as a source holds one programme's meetings."""
    files = {}
    for programme in Programme.objects.filter(meetings__isnull=False).distinct():
        response = client.get(reverse(url_name), {"programme": programme.slug})
        path = tmp_path / f"{programme.slug}.{suffix}"
        path.write_bytes(b"".join(response.streaming_content))
        files[programme.slug] = path
    return files


def forget_everything():
    Meeting.objects.all().delete()
    Venue.objects.all().delete()


@pytest.mark.parametrize(
    ("url_name", "suffix"), [("meetings:meeting_feed", "json"), ("meetings:meeting_csv", "csv")]
)
def test_export_reads_back_without_loss(client, tmp_path, url_name, suffix):
    call_command("load_demo_data", verbosity=0)
    before = snapshot()
    files = export_each_programme(client, url_name, suffix, tmp_path)
    forget_everything()

    for programme, path in files.items():
        call_command("import_meetings", str(path), programme=programme, verbosity=0)

    after = snapshot()
    assert sorted(after) == sorted(before)
    assert [slug for slug in before if after[slug] != before[slug]] == []
    assert after == before
    assert Source.objects.count() == len(files) == 5


def test_reimporting_our_own_export_changes_nothing(client, tmp_path):
    call_command("load_demo_data", verbosity=0)
    files = export_each_programme(client, "meetings:meeting_feed", "json", tmp_path)
    forget_everything()
    for programme, path in files.items():
        call_command("import_meetings", str(path), programme=programme, verbosity=0)
    updated = dict(Meeting.objects.values_list("slug", "updated"))

    plans = [
        importer.plan_import(
            importer.find_or_build_source(str(path), Programme.objects.get(slug=programme)),
            importer.read_items(path.read_bytes(), path.name),
        )
        for programme, path in files.items()
    ]
    for programme, path in files.items():
        call_command("import_meetings", str(path), programme=programme, verbosity=0)

    assert sum(plan.counts()["unchanged"] for plan in plans) == 179
    assert {key: sum(plan.counts()[key] for plan in plans) for key in plans[0].counts()} == {
        "new": 0,
        "changed": 0,
        "unchanged": 179,
        "ended": 0,
        "detached": 0,
        "rejected": 0,
    }
    assert dict(Meeting.objects.values_list("slug", "updated")) == updated


def test_importing_this_sites_own_export_as_a_new_source_warns_first(client):
    call_command("load_demo_data", verbosity=0)
    response = client.get(reverse("meetings:meeting_feed"))
    export = b"".join(response.streaming_content) if response.streaming else response.content
    source = importer.find_or_build_source("meetings.json", Programme.objects.first())

    plan = importer.plan_import(source, importer.read_items(export, "meetings.json"))

    assert plan.counts()["new"] == 179
    assert plan.warnings == [
        "179 new rows have the ID of a meeting this site lists already, not from this "
        "source: importing adds each again as another meeting. If the file is this site's own "
        "export, there is nothing to import."
    ]
