"""The Meeting Guide JSON feed: /meetings/feed.json."""

import datetime
import gzip
import json
import re
from pathlib import Path

import jsonschema
import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from meetings.exchange import views as exchange_views
from meetings.exchange.views import STORED_FEED_SECONDS
from meetings.models import Area, Frequency, Meeting, Openness, Status, Weekday
from programmes.models import Abstinence
from tests.factories import (
    MeetingFactory,
    ProgrammeFactory,
    VenueFactory,
    create_meetings_in_bulk,
)

pytestmark = pytest.mark.django_db
FEED = reverse("meetings:meeting_feed")
SCHEMA_FILE = (
    Path(__file__).resolve().parent.parent / "meetings/schemas/meeting-guide-feed.schema.json"
)
VALIDATOR = jsonschema.Draft202012Validator(
    json.loads(SCHEMA_FILE.read_text()),
    format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
)


GZIP = {"accept-encoding": "gzip"}


def body(response):
    """The whole feed is stored and sent as it is; filtered feeds are streamed."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def feed(client, **params):
    response = client.get(FEED, params)
    assert response.status_code == 200
    return json.loads(body(response))


def test_feed_of_the_demo_data_matches_the_schema(client):
    call_command("load_demo_data", verbosity=0)

    items = feed(client)

    assert list(VALIDATOR.iter_errors(items)) == []
    assert len(items) == Meeting.objects.published().count() == 179  # 1 temporarily closed
    assert len({item["slug"] for item in items}) == 179


def test_an_online_meeting_without_a_venue_says_roughly_where_it_is_from(client):
    MeetingFactory(slug="uk", online=True)
    MeetingFactory(slug="abroad", online=True, time_zone="America/New_York")

    items = {item["slug"]: item for item in feed(client)}

    # Meeting Guide's importer takes only meetings with a location, and TSML UI drops those
    # with no address at all.
    assert {
        key: items["uk"].get(key) for key in ("formatted_address", "country", "approximate")
    } == {
        "formatted_address": "United Kingdom",
        "country": "United Kingdom",
        "approximate": "yes",
    }
    assert "formatted_address" not in items["abroad"]  # we do not know where from


def test_a_venue_without_coordinates_is_said_not_to_be_approximate(client):
    MeetingFactory(slug="placed")
    MeetingFactory(slug="unplaced", venue__postcode="ZZ9 9ZZ")  # found nowhere

    items = {item["slug"]: item for item in feed(client)}

    # TSML UI would take a short address without coordinates as approximate, and hide it.
    assert (items["placed"].get("approximate"), items["unplaced"]["approximate"]) == (None, "no")


@pytest.mark.parametrize(
    "path",
    [
        FEED,
        f"{FEED}?day=monday",
        "/meetings/export.csv?day=monday",
        "/meetings/calendar.ics",
        "/meetings/tuesday-women/calendar.ics",
    ],
)
def test_widgets_on_other_websites_may_read_the_feed_spreadsheet_and_calendars(client, path):
    MeetingFactory(slug="tuesday-women")

    response = client.get(path, headers={"origin": "https://na-north.example.org"})

    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Expose-Headers"] == "ETag"
    assert not response.cookies


def test_schema_rejects_what_the_format_does_not_allow():
    item = {"slug": "a b", "name": "X", "day": 7, "time": "7:30", "timezone": "Europe/London"}
    item |= {"url": "https://example.org/", "types": ["NOPE"], "postal_code": "BN7 2AA"}

    problems = sorted(error.json_path for error in VALIDATOR.iter_errors([item]))

    assert problems == ["$[0].day", "$[0].slug", "$[0].time", "$[0].types[0]"]


@time_machine.travel(datetime.datetime(2026, 3, 2, 12, tzinfo=datetime.UTC), tick=False)
def test_hybrid_meeting_maps_every_field(client):
    area = Area.objects.create(name="Lewes", slug="lewes")
    venue = VenueFactory(
        name="St Mary's Church Hall",
        address_line_1="12 High Street",
        town="Lewes",
        postcode="BN7 2AA",
        area=area,
        step_free=True,
        hearing_loop=True,
        access_notes="Side door.",
        location_set_by_staff=True,
        latitude=50.8736123,
        longitude=0.0089,
    )
    MeetingFactory(
        slug="tuesday-women",
        name="Tuesday Women's Step",
        programme=ProgrammeFactory(abstinence=Abstinence.MAT_WELCOME),
        venue=venue,
        hybrid=True,
        online_url="https://zoom.example.org/j/123",
        online_meeting_id="123 456",
        online_passcode="1234",
        online_notes="Cameras optional.",
        phone_dial_in="020 7946 0321",
        weekday=Weekday.TUESDAY,
        start_time=datetime.time(19, 30),
        end_time=datetime.time(20, 30),
        openness=Openness.CLOSED,
        focuses=["women"],
        features=["step-study", "newcomers-welcome"],
        languages="English, Polish",
        public_notes="Tea from 7pm.",
        group_name="Lewes Group",
        staff_notes="Key from the vicar.",
        contact_name="Sam K.",
        contact_email="sam@example.org",
    )

    assert feed(client) == [
        {
            "slug": "tuesday-women",
            "name": "Tuesday Women's Step",
            "day": 2,
            "time": "19:30",
            "end_time": "20:30",
            "timezone": "Europe/London",
            "types": ["C", "EN", "GB-HL", "GB-MAT", "GB-NW", "ONL", "POL", "ST", "W", "X"],
            "notes": "Tea from 7pm.",
            "group": "Lewes Group",
            "updated": "2026-03-02 12:00:00",
            "url": "http://testserver/meetings/tuesday-women/",
            "attendance_option": "hybrid",
            "languages": "English, Polish",
            "location": "St Mary's Church Hall",
            "formatted_address": "12 High Street, Lewes BN7 2AA, United Kingdom",
            "address": "12 High Street",
            "city": "Lewes",
            "postal_code": "BN7 2AA",
            "country": "United Kingdom",
            "location_notes": "Side door.",
            "region": "Lewes",
            "latitude": 50.87361,
            "longitude": 0.0089,
            "conference_url": "https://zoom.example.org/j/123",
            "conference_url_notes": "Meeting ID: 123 456\nPasscode: 1234\nCameras optional.",
            "conference_phone": "02079460321",
        }
    ]


def test_staff_only_fields_never_appear(client):
    MeetingFactory(
        staff_notes="Secret staff note",
        contact_name="Private Person",
        contact_email="private@example.org",
        contact_phone="07700 900123",
    )

    text = body(client.get(FEED)).decode()

    assert [word in text for word in ("Secret", "Private", "private@", "07700")] == [False] * 4
    assert "contact_1_name" not in json.loads(text)[0]


def test_public_contact_appears_when_the_group_asked(client):
    MeetingFactory(contact_name="Jo P.", contact_email="jo@example.org", contact_public=True)

    [item] = feed(client)

    assert (item["contact_1_name"], item["contact_1_email"]) == ("Jo P.", "jo@example.org")


def test_fortnightly_and_monthly_meetings_are_described_in_notes(client):
    MeetingFactory(
        slug="fortnightly",
        weekday=Weekday.THURSDAY,
        frequency=Frequency.FORTNIGHTLY,
        fortnight_anchor=datetime.date(2026, 1, 8),
        public_notes="Check the date.",
    )
    MeetingFactory(
        slug="monthly", weekday=Weekday.FRIDAY, frequency=Frequency.MONTHLY, week_of_month=-1
    )

    items = {item["slug"]: item for item in feed(client)}

    assert items["fortnightly"]["notes"] == (
        "Every other Thursday, including 8 January 2026.\n\nCheck the date."
    )
    assert items["fortnightly"]["fortnight_anchor"] == "2026-01-08"
    assert items["monthly"]["notes"] == "Last Friday of the month."
    assert (items["monthly"]["frequency"], items["monthly"]["week_of_month"]) == ("monthly", -1)


def test_feed_has_active_meetings_only_and_takes_the_finders_filters(client):
    # Named, because meetings at the same time are listed by name ("Meeting 10" < "Meeting 9").
    MeetingFactory(slug="monday", name="A", weekday=Weekday.MONDAY)
    MeetingFactory(slug="tuesday", name="B", weekday=Weekday.TUESDAY)
    MeetingFactory(slug="ended", name="C", weekday=Weekday.MONDAY, status=Status.ENDED)
    MeetingFactory(slug="online", name="D", weekday=Weekday.MONDAY, online=True)

    assert [item["slug"] for item in feed(client)] == ["monday", "online", "tuesday"]
    assert [i["slug"] for i in feed(client, day="monday", page="3")] == ["monday", "online"]
    assert [i["slug"] for i in feed(client, attendance="online")] == ["online"]


def test_bad_filter_values_get_a_400_in_words(client):
    response = client.get(FEED, {"day": "funday", "radius": "7"})

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "There is a problem with the search:\n"
        "Distance: “7” is not one of these: 1, 3, 5, 10, 25, 50.\n"
        "Day: “funday” is not one of these: today, monday, tuesday, wednesday, thursday, "
        "friday, saturday, sunday.\n"
    )


def test_conditional_requests_get_304_until_a_meeting_changes(client):
    meeting = MeetingFactory()
    first = client.get(FEED)

    by_etag = client.get(FEED, headers={"if-none-match": first["ETag"]})
    by_date = client.get(FEED, headers={"if-modified-since": first["Last-Modified"]})
    meeting.name = "Renamed"
    meeting.save()
    after_edit = client.get(FEED, headers={"if-none-match": first["ETag"]})

    assert first["Cache-Control"] == "public, max-age=300"
    assert (by_etag.status_code, by_etag.content, by_etag["ETag"]) == (304, b"", first["ETag"])
    assert by_date.status_code == 304
    assert after_edit.status_code == 200
    assert after_edit["ETag"] != first["ETag"]


@pytest.mark.parametrize(
    "path",
    [FEED, f"{FEED}?q=leeds", "/meetings/export.csv?q=leeds", "/meetings/calendar.ics?q=leeds"],
)
def test_editing_a_venue_or_programme_is_a_change_to_every_list_showing_it(client, path):
    meeting = MeetingFactory(venue__town="Leeds", venue__address_line_1="3 Ropewalk Lane")
    first = client.get(path)

    def conditional_statuses():
        return [
            client.get(path, headers={"if-none-match": first["ETag"]}).status_code,
            client.get(path, headers={"if-modified-since": first["Last-Modified"]}).status_code,
        ]

    unchanged = conditional_statuses()
    with time_machine.travel(datetime.timedelta(seconds=2)):  # HTTP dates are in seconds
        meeting.venue.address_line_1 = "5 Ropewalk Lane"
        meeting.venue.save()
        after_venue = conditional_statuses()
        exchange_views._served.clear()
        first = client.get(path)
    with time_machine.travel(datetime.timedelta(seconds=4)):
        meeting.programme.name = "Renamed Anonymous"
        meeting.programme.save()
        after_programme = conditional_statuses()

    assert unchanged == [304, 304]
    assert after_venue == after_programme == [200, 200]
    assert b"5 Ropewalk Lane" in body(first)


def test_etag_differs_between_filters(client):
    MeetingFactory()

    assert client.get(FEED)["ETag"] != client.get(FEED, {"day": "monday"})["ETag"]


@pytest.mark.parametrize("n_meetings", [1, 30])
def test_feed_query_count_does_not_grow(client, django_assert_num_queries, n_meetings):
    create_meetings_in_bulk(n_meetings, focus="women")  # on Mondays

    # When anything last changed; meetings with programme, venue and area; focuses; features.
    with django_assert_num_queries(4):
        response = client.get(FEED, {"day": "monday"})
        items = json.loads(body(response))

    assert len(items) == n_meetings
    assert {code for item in items for code in item["types"]} >= {"W", "O"}


@pytest.mark.parametrize("n_meetings", [1, 30])
def test_the_whole_feed_is_built_once_then_sent_as_stored(
    client, django_assert_num_queries, n_meetings
):
    create_meetings_in_bulk(n_meetings, focus="women")

    # The data version; the stored feed (none yet); taking the building lock (as storing
    # below); building it as a filtered feed is built, its ETag from the data version (three
    # queries); storing it (a savepoint, the cache's size, its row, the insert, and the
    # savepoint's release); the lock's release
    with django_assert_num_queries(16):
        built = client.get(FEED)
    with django_assert_num_queries(1):  # the data version: this process holds the feed
        stored = client.get(FEED)
    exchange_views._served.clear()  # as in another process
    with django_assert_num_queries(2):  # the data version; the stored feed
        elsewhere = client.get(FEED)

    sent = body(built)
    assert body(stored) == body(elsewhere) == sent
    assert len(json.loads(sent)) == n_meetings


def test_the_stored_feed_is_byte_for_byte_the_streamed_feed(client):
    MeetingFactory(hybrid=True, focuses=["women"], features=["speaker"])
    MeetingFactory(frequency=Frequency.FORTNIGHTLY, fortnight_anchor=datetime.date(2026, 1, 6))
    create_meetings_in_bulk(3)

    stored = client.get(FEED, headers=GZIP)
    plain = client.get(FEED)
    streamed = client.get(FEED, {"q": ""})  # a filter that keeps every meeting

    assert (stored.streaming, streamed.streaming) == (False, True)  # sent as stored
    assert gzip.decompress(stored.content) == body(plain) == b"".join(streamed.streaming_content)


def test_gzip_and_other_clients_get_the_same_feed(client):
    create_meetings_in_bulk(30, focus="women")  # enough to be worth compressing

    gzipped = client.get(FEED, headers={"accept-encoding": "gzip, deflate, br"})
    plain = client.get(FEED)
    again = client.get(FEED, headers={"accept-encoding": "gzip"})

    assert (gzipped["Content-Encoding"], plain.has_header("Content-Encoding")) == ("gzip", False)
    assert gzipped["Vary"] == plain["Vary"] == "Accept-Encoding"
    assert plain.streaming  # decompressed a piece at a time, not ten times the size at once
    assert gzip.decompress(gzipped.content) == body(plain)
    assert again.content == gzipped.content  # not compressed twice
    assert gzipped["ETag"] == "W/" + plain["ETag"]
    assert client.get(FEED, headers={"if-none-match": gzipped["ETag"]}).status_code == 304


def test_the_stored_feed_changes_with_any_edit(client):
    meeting = MeetingFactory(name="Before")
    other = MeetingFactory()
    names = [[item["name"] for item in feed(client)]]

    meeting.name = "After"
    meeting.save()
    names.append([item["name"] for item in feed(client)])
    meeting.venue.name = "New hall"
    meeting.venue.save()
    locations = {item["location"] for item in feed(client)}
    other.delete()
    names.append([item["name"] for item in feed(client)])
    create_meetings_in_bulk(1)
    names.append([item["name"] for item in feed(client)])
    Meeting.objects.filter(pk=meeting.pk).update(status=Status.ENDED, updated=timezone.now())
    names.append([item["name"] for item in feed(client)])  # as an import ends meetings

    assert names[:3] == [["Before", other.name], ["After", other.name], ["After"]]
    assert "New hall" in locations
    assert len(names[3]) == 2 and names[4] == names[3][1:]


def test_the_stored_feed_is_rebuilt_after_a_few_minutes(client):
    meeting = MeetingFactory(name="Before")
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        feed(client)
        Meeting.objects.filter(pk=meeting.pk).update(name="Renamed quietly")  # no new version
        traveller.shift(datetime.timedelta(seconds=STORED_FEED_SECONDS - 1))
        before = [item["name"] for item in feed(client)]
        traveller.shift(datetime.timedelta(seconds=2))
        after = [item["name"] for item in feed(client)]

    assert (before, after) == (["Before"], ["Renamed quietly"])


STORED_KEY = "meeting-feed:http://testserver/"


def test_while_another_request_builds_the_feed_others_get_the_copy_before(client):
    meeting = MeetingFactory(name="Before")
    feed(client)
    meeting.name = "After"
    meeting.save()
    cache.add(STORED_KEY + ":building", True, 30)  # another process is building it

    during = [item["name"] for item in feed(client)]
    cache.delete(STORED_KEY + ":building")
    after = [item["name"] for item in feed(client)]

    assert (during, after) == (["Before"], ["After"])


def test_with_no_copy_yet_a_request_waits_for_the_other_build(client, monkeypatch):
    MeetingFactory(name="Only")
    built = client.get(FEED, headers=GZIP).content
    stored = cache.get(STORED_KEY)
    cache.delete(STORED_KEY)
    exchange_views._served.clear()  # a process that has not served it yet
    cache.add(STORED_KEY + ":building", True, 30)
    waits = []

    def other_build_finishes(seconds):
        waits.append(seconds)
        if len(waits) == 2:
            cache.set(STORED_KEY, stored)

    monkeypatch.setattr(exchange_views.time, "sleep", other_build_finishes)
    response = client.get(FEED, headers=GZIP)

    assert (response.streaming, response.content) == (False, built)  # the other's, as stored
    assert waits == [exchange_views.FEED_BUILD_WAIT] * 2


def test_when_the_other_build_takes_too_long_the_feed_is_streamed(client, monkeypatch):
    MeetingFactory(name="Only")
    cache.add(STORED_KEY + ":building", True, 30)
    monkeypatch.setattr(exchange_views, "FEED_BUILD_SECONDS", 0.05)
    monkeypatch.setattr(exchange_views, "FEED_BUILD_WAIT", 0.01)

    response = client.get(FEED)

    assert response.streaming
    assert [item["name"] for item in json.loads(b"".join(response.streaming_content))] == ["Only"]


def test_feed_takes_place_and_keyword_searches(client):
    MeetingFactory(slug="manchester", name="Serenity Group")  # the factory's venue is in M1
    MeetingFactory(slug="leeds", name="Serenity Leeds", venue__postcode="LS6 2QJ")

    assert [i["slug"] for i in feed(client, near="M1 1AE", radius="5")] == ["manchester"]
    assert [i["slug"] for i in feed(client, q="serenity", sort="time")] == ["manchester", "leeds"]
    assert [i["slug"] for i in feed(client, q="serenity", near="M1")] == ["manchester"]


@pytest.mark.parametrize("path", ["/", "/meetings/", "/data/"])
def test_apps_can_discover_the_feed_from_the_pages(client, path):
    assertContains(
        client.get(path),
        '<link rel="alternate" type="application/json" title="Meetings Feed" '
        'href="/meetings/feed.json">',
        html=True,
    )


def test_near_a_place_the_exports_give_the_online_meetings_beside_the_list_as_it_does(client):
    MeetingFactory(slug="manchester")  # the factory's venue is in M1
    MeetingFactory(slug="leeds", venue__postcode="LS6 2QJ")
    MeetingFactory(slug="online", online=True)
    MeetingFactory(slug="hybrid-leeds", hybrid=True, venue__postcode="LS6 2QJ")
    near_m1 = {"near": "M1 1AE", "radius": "5"}

    listed = client.get(reverse("meetings:meeting_list"), near_m1).context
    csv_rows = client.get(reverse("meetings:meeting_csv"), near_m1).getvalue().decode()
    calendar = client.get(reverse("meetings:meeting_list_calendar"), near_m1).getvalue().decode()

    assert [m.slug for m in listed["page"]] == ["manchester"]
    assert [m.slug for m in listed["online_meetings"]] == ["online"]
    assert [i["slug"] for i in feed(client, **near_m1)] == ["manchester", "online"]
    assert [line.split(",")[0] for line in csv_rows.splitlines()[1:]] == ["manchester", "online"]
    assert re.findall(r"^URL:.*/meetings/([a-z0-9-]+)/", calendar, re.M) == ["manchester", "online"]
    hybrid_asked = {**near_m1, "attendance": "online"}
    assert sorted(i["slug"] for i in feed(client, **hybrid_asked)) == ["hybrid-leeds", "online"]


def test_a_temporarily_closed_meeting_is_in_the_feed_as_tc_and_reads_back_closed(client, tmp_path):
    MeetingFactory(slug="hall", status=Status.TEMPORARILY_CLOSED)
    MeetingFactory(slug="zoom", online=True, status=Status.TEMPORARILY_CLOSED)
    MeetingFactory(slug="open")

    items = {item["slug"]: item for item in feed(client)}
    csv_text = client.get(reverse("meetings:meeting_csv")).getvalue().decode()
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(list(items.values())))
    Meeting.objects.all().delete()
    call_command("import_meetings", str(path), programme=ProgrammeFactory().slug, verbosity=0)

    marked = sorted((slug, "TC" in i["types"], i["attendance_option"]) for slug, i in items.items())
    assert marked == [
        ("hall", True, "inactive"),
        ("open", False, "in_person"),
        ("zoom", True, "inactive"),
    ]
    assert items["zoom"]["conference_url"] == "https://meet.example.org/abc"
    assert csv_text.count("Location Temporarily Closed") == 2  # the type's name in a sheet
    assert sorted(Meeting.objects.values_list("slug", "status", "attendance")) == [
        ("hall", Status.TEMPORARILY_CLOSED, "in-person"),
        ("open", Status.ACTIVE, "in-person"),
        ("zoom", Status.TEMPORARILY_CLOSED, "online"),
    ]
