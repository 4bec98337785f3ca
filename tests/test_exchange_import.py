"""import_meetings: messy feeds, error reports, atomicity and idempotency."""

import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from django.urls import reverse

from meetings.exchange import importer, types
from meetings.exchange.meeting_guide_parsing import Rejected, parse_item
from meetings.models import (
    Attendance,
    Feature,
    Focus,
    Meeting,
    Openness,
    PostcodeDistrict,
    Source,
    Status,
    Venue,
    Weekday,
    unplaced_postcodes,
)
from tests.factories import AreaFactory, MeetingFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parent / "data"
MESSY = str(DATA / "messy-feed.json")


@pytest.fixture
def programme():
    return ProgrammeFactory(slug="local-peer-support")


def import_meetings(location, **options):
    out = io.StringIO()
    call_command("import_meetings", location, programme="local-peer-support", stdout=out, **options)
    return out.getvalue()


def test_messy_feed_reports_every_rejected_row_and_warning(programme):
    report = import_meetings(MESSY, skip_rejected=True)

    assert report.splitlines()[:11] == [
        "9 new, 0 changed, 0 unchanged, 0 ended, 0 detached, 3 rejected",
        "",
        "Rejected:",
        "  Row 4 (bad-time): time: “25:00” is not a time such as 19:30 or 7:30 PM",
        "  Row 6 (no-link-nowhere): conference_url: an online meeting needs a joining link or "
        "dial-in number, and this one has no address either",
        "  Row 7 (101): slug: “101” is used by row 1 too",
        "",
        "Warnings:",
        "  Row 3 (across-the-pond): types: XYZ unknown, kept in the notes",
        "  Row 5 (no-link): conference_url: an online meeting with no joining link or dial-in "
        "number; imported as in person at its address",
        "  Row 10 (hybrid): end_time: 17:00 is neither after the start nor by 06:00 the next "
        "day, so it was left out",
    ]
    assert report.splitlines()[-1] == (
        "Imported into “tests/data/messy-feed.json”: "
        "9 new, 0 changed, 0 unchanged, 0 ended, 0 detached, 3 rejected."
    ).replace("tests/data/messy-feed.json", MESSY)


def test_messy_feed_becomes_these_meetings(programme):
    import_meetings(MESSY, skip_rejected=True)
    meetings = {m.source_key: m for m in Meeting.objects.select_related("venue", "source")}

    assert sorted(meetings) == [
        "101",
        "across-the-pond",
        "closed-for-now",
        "html-notes",
        "hybrid",
        "multi#friday",
        "multi#monday",
        "multi#wednesday",
        "no-link",
    ]
    numbers = meetings["101"]  # a number as slug, a day as a string, "7:30 PM"
    assert (numbers.slug, numbers.weekday, numbers.start_time) == ("101", 0, datetime.time(19, 30))
    assert (numbers.venue.town, numbers.venue.postcode, numbers.venue.country) == (
        "Lewes",
        "BN7 2AA",
        "United Kingdom",
    )
    district = PostcodeDistrict.objects.get(outcode="BN7")  # no coordinates: the postcode's
    assert (numbers.venue.latitude, numbers.venue.longitude) == (
        district.latitude,
        district.longitude,
    )

    early = [meetings[f"multi#{day}"] for day in ("monday", "wednesday", "friday")]
    assert [(m.slug, m.weekday, m.start_time, m.end_time) for m in early] == [
        ("multi-monday", Weekday.MONDAY, datetime.time(7), datetime.time(8)),
        ("multi-wednesday", Weekday.WEDNESDAY, datetime.time(7), datetime.time(8)),
        ("multi-friday", Weekday.FRIDAY, datetime.time(7), datetime.time(8)),
    ]
    assert early[0].venue.postcode == "BS1 6QR"

    pond = meetings["across-the-pond"]  # online from abroad: its own place and time zone
    assert (pond.attendance, pond.time_zone, pond.weekday, pond.start_time) == (
        Attendance.ONLINE,
        "America/New_York",
        Weekday.SATURDAY,
        datetime.time(14),
    )
    assert (pond.online_url, pond.online_passcode) == ("https://zoom.example.com/j/123", "4321")
    assert (pond.venue.town, pond.venue.country, pond.venue.latitude) == (
        "Chicago, IL",
        "USA",
        None,
    )
    assert pond.public_notes == "Also listed as: XYZ."
    assert [f.slug for f in pond.features.all()] == ["discussion"]

    no_link = meetings["no-link"]
    assert (no_link.attendance, no_link.venue.name) == (
        Attendance.IN_PERSON,
        "St Anne's Community Hall",
    )

    hope = meetings["html-notes"]  # HTML becomes text; known types we cannot store are named
    assert hope.name == "Hope Group"
    assert hope.public_notes == "Bring a friend\nor two\nTea & cake\n\nAlso listed as: Big Book."
    assert (hope.weekday, hope.openness) == (Weekday.SUNDAY, Openness.CLOSED)
    assert [f.slug for f in hope.focuses.all()] == ["women"]
    assert (hope.venue.latitude, hope.venue.longitude) == (51.5, -0.14)

    closed = meetings["closed-for-now"]
    assert (closed.status, closed.attendance, closed.start_time) == (
        Status.TEMPORARILY_CLOSED,
        Attendance.IN_PERSON,
        datetime.time(7, 30),
    )

    hybrid = meetings["hybrid"]
    assert (hybrid.attendance, hybrid.phone_dial_in, hybrid.end_time) == (
        Attendance.HYBRID,
        "+44 20 7946 0000",
        None,
    )
    assert {m.source.name for m in meetings.values()} == {MESSY}


def test_a_rejected_row_in_the_middle_leaves_the_database_unchanged(programme):
    with pytest.raises(CommandError) as error:
        import_meetings(MESSY)

    assert str(error.value) == (
        "3 row(s) rejected, so nothing was imported. Correct them, or import the other rows "
        "with --skip-rejected."
    )
    assert (Meeting.objects.count(), Venue.objects.count(), Source.objects.count()) == (0, 0, 0)


def test_a_source_given_as_a_web_address_in_any_case_is_one_source_that_syncs(programme):
    """Its URL is kept, so that the nightly sync fetches it again; not taken as a file, nor
    as another source for its capitals."""
    source = importer.find_or_build_source("HTTPS://Example.org/Feed.json", programme)
    source.save()
    again = importer.find_or_build_source("https://example.org/Feed.json", programme)

    assert (source.url, source.file_name) == ("https://example.org/Feed.json", "")
    assert again.pk == source.pk


def test_a_database_error_part_way_undoes_the_whole_import(programme):
    source = importer.find_or_build_source(MESSY, programme)
    plan = importer.plan_import(source, importer.read_items(Path(MESSY).read_bytes(), MESSY))
    plan.new[4].fields["end_time"] = datetime.time(7, 0)  # breaks "meeting_ends_after_start"

    with pytest.raises(IntegrityError):
        importer.apply(plan)

    assert (Meeting.objects.count(), Venue.objects.count(), Source.objects.count()) == (0, 0, 0)


def test_importing_the_same_file_twice_changes_nothing(programme):
    import_meetings(MESSY, skip_rejected=True)
    before = list(Meeting.objects.order_by("slug").values())

    report = import_meetings(MESSY, skip_rejected=True)

    assert report.splitlines()[0] == (
        "0 new, 0 changed, 9 unchanged, 0 ended, 0 detached, 3 rejected"
    )
    assert list(Meeting.objects.order_by("slug").values()) == before
    assert Source.objects.count() == 1


def test_dry_run_changes_nothing(programme):
    report = import_meetings(MESSY, dry_run=True)

    assert report.splitlines()[-1] == "Dry run: nothing was changed."
    assert (Meeting.objects.count(), Source.objects.count()) == (0, 0)


def test_a_file_that_is_not_json_is_a_clear_error(programme):
    with pytest.raises(CommandError) as error:
        import_meetings(str(DATA / "not-a-feed.txt"))

    assert str(error.value) == (
        "The file is not JSON (line 1, column 1: Expecting value), nor a CSV meeting list with "
        "Day, Time and Name columns. Nothing was imported."
    )
    assert Meeting.objects.count() == 0


def test_json_that_is_not_a_list_is_a_clear_error(programme, tmp_path):
    path = tmp_path / "feed.json"
    path.write_text('{"meetings": "none"}')

    with pytest.raises(CommandError) as error:
        import_meetings(str(path))

    assert str(error.value) == (
        "The JSON is not a Meeting Guide feed: it must be a list of meetings. Nothing was imported."
    )


def test_unknown_programme_and_time_zone_are_clear_errors(programme):
    with pytest.raises(CommandError) as no_programme:
        call_command("import_meetings", MESSY, programme="nope")
    with pytest.raises(CommandError) as no_zone:
        import_meetings(MESSY, timezone="Mars/Olympus")

    assert str(no_programme.value) == "No programme “nope”. Choose one of: local-peer-support."
    assert str(no_zone.value) == "“Mars/Olympus” is not a time zone such as Europe/London."


def test_timezone_option_applies_to_rows_without_their_own(programme, tmp_path):
    path = tmp_path / "feed.json"
    rows = [
        {"slug": "a", "name": "A", "day": 1, "time": "19:00", "conference_url": "https://x.org/a"},
        {"slug": "b", "name": "B", "day": 1, "time": "19:00", "conference_url": "https://x.org/b"},
    ]
    rows[1]["timezone"] = "europe/dublin"  # as typed into a spreadsheet
    path.write_text(json.dumps(rows))

    import_meetings(str(path), timezone="America/toronto")

    assert dict(Meeting.objects.values_list("slug", "time_zone")) == {
        "a": "America/Toronto",
        "b": "Europe/Dublin",
    }


def test_characters_that_cannot_be_shown_as_they_are_are_taken_out(programme, tmp_path):
    path = tmp_path / "feed.json"
    name = "Hope\u0000 group \u202e\u200bnodnoL&#x202c; \x07"
    rows = [meeting_row(slug="hope", name=name, notes="Bring a\u0000 friend")]
    path.write_text(json.dumps(rows))

    import_meetings(str(path))

    meeting = Meeting.objects.get()
    assert (meeting.name, meeting.public_notes) == ("Hope group \u200bnodnoL", "Bring a friend")


def test_a_contact_staff_have_hidden_stays_hidden_when_imported_again(programme, tmp_path):
    path = tmp_path / "feed.json"
    contact = {"contact_1_name": "Sam", "contact_1_email": "sam@example.org"}
    path.write_text(json.dumps([meeting_row(slug="hope", **contact)]))
    import_meetings(str(path))
    assert Meeting.objects.get().contact_public is True  # the source publishes it
    Meeting.objects.update(contact_public=False)  # the group asked staff to hide it

    again = import_meetings(str(path))
    contact["contact_1_email"] = "sam@example.net"
    path.write_text(json.dumps([meeting_row(slug="hope", **contact)]))
    changed = import_meetings(str(path))

    assert "1 unchanged" in again
    assert "show contact details publicly" not in changed
    meeting = Meeting.objects.get()
    assert (meeting.contact_email, meeting.contact_public) == ("sam@example.net", False)


def test_a_new_meeting_never_takes_an_address_a_meeting_has_or_had(programme, tmp_path):
    renamed = MeetingFactory(slug="monday-hope")
    renamed.slug = "tuesday-hope"
    renamed.save()
    MeetingFactory(slug="step")
    MeetingFactory(slug="step-2")
    MeetingFactory(slug="deleted").delete()  # its address leads nowhere: free again
    path = tmp_path / "feed.json"
    rows = [
        {"slug": slug, "name": slug, "day": 1, "time": "19:00", "conference_url": "https://x.org"}
        for slug in ("monday-hope", "step", "fresh", "deleted", "NEW", "print")
    ]
    path.write_text(json.dumps(rows))

    import_meetings(str(path))

    assert sorted(Meeting.objects.filter(source__isnull=False).values_list("slug", flat=True)) == [
        "deleted",
        "fresh",
        "monday-hope-2",
        "new-2",  # /meetings/new/ and /meetings/print/ are other pages
        "print-2",
        "step-3",
    ]


def test_a_meeting_that_runs_past_midnight_keeps_its_end_time(programme, tmp_path):
    path = tmp_path / "feed.json"
    row = {"slug": "late", "name": "Late", "day": 5, "time": "23:00", "end_time": "00:30"}
    path.write_text(json.dumps([row | {"conference_url": "https://x.org/late"}]))

    import_meetings(str(path))

    assert Meeting.objects.values_list("start_time", "end_time").get() == (
        datetime.time(23),
        datetime.time(0, 30),
    )


def test_a_spreadsheet_in_the_meeting_list_layout(programme, tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text(
        "Time,End Time,Day,Name,Location,Address,City,State,Postal Code,Country,Types,Notes\n"
        "7:30 PM,8:30 PM,Tuesday,Step Group,Church Hall,1 Kirk Lane,Leeds,,LS6 2QJ,UK,"
        '"Open, Step Study, Wheelchair Access",Side door\n'
        ",,,,,,,,,,,\n"
        "19:00,,Funday,Odd Group,Hall,2 Lane,Leeds,,LS6 2QJ,UK,,\n",
        encoding="utf-8",
    )

    report = import_meetings(str(path), skip_rejected=True)

    assert report.splitlines()[:4] == [
        "1 new, 0 changed, 0 unchanged, 0 ended, 0 detached, 1 rejected",
        "",
        "Rejected:",
        "  Row 4 (odd-group-funday-1900): Day: “Funday” is not a day: give its name (Monday or "
        "Mon) or its number (0 for Sunday to 6 for Saturday)",
    ]
    meeting = Meeting.objects.select_related("venue").prefetch_related("features").get()
    assert (meeting.slug, meeting.weekday, meeting.start_time, meeting.end_time) == (
        "step-group-tuesday-730-pm",
        Weekday.TUESDAY,
        datetime.time(19, 30),
        datetime.time(20, 30),
    )
    assert (meeting.openness, meeting.public_notes, meeting.venue.step_free) == (
        Openness.OPEN,
        "Side door",
        True,
    )
    assert [feature.slug for feature in meeting.features.all()] == ["step-study"]


def test_rows_without_a_slug_are_rejected_and_spreadsheets_need_ids(programme):
    with pytest.raises(Rejected) as rejected:
        parse_item({"name": "X", "day": 1, "time": "19:00"}, row=1)

    assert rejected.value.problems == [
        ("slug", "is missing"),
        (
            "formatted_address",
            "nobody could attend: no address and no joining link or dial-in number",
        ),
    ]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("19:30", datetime.time(19, 30)),
        ("7:30", datetime.time(7, 30)),
        ("7:30 PM", datetime.time(19, 30)),
        ("7:30pm", datetime.time(19, 30)),
        ("12:15 AM", datetime.time(0, 15)),
        ("12:00 p.m.", datetime.time(12, 0)),
        ("19:30:00", datetime.time(19, 30)),
        ("7pm", datetime.time(19, 0)),
        ("noon", datetime.time(12, 0)),
        ("1930", datetime.time(19, 30)),
        ("0730", datetime.time(7, 30)),
        ("730pm", datetime.time(19, 30)),
    ],
)
def test_times_in_the_shapes_real_feeds_use(given, expected):
    [listing] = parse_item(meeting_row(time=given), row=1)

    assert listing.fields["start_time"] == expected


@pytest.mark.parametrize(
    "given", ["25:00", "7", "19:75", "13:00 PM", "half seven", "", "2400", "19300"]
)
def test_bad_times_are_rejected_with_a_reason(given):
    with pytest.raises(Rejected) as rejected:
        parse_item(meeting_row(time=given), row=1)

    reason = (
        "is missing" if not given else f"“{given.lower()}” is not a time such as 19:30 or 7:30 PM"
    )
    assert rejected.value.problems == [("time", reason)]


@pytest.mark.parametrize(
    ("given", "weekdays"),
    [
        (0, [Weekday.SUNDAY]),
        ("6", [Weekday.SATURDAY]),
        ("Monday", [Weekday.MONDAY]),
        ("wed", [Weekday.WEDNESDAY]),
        ("Tues", [Weekday.TUESDAY]),
        ("Thurs.", [Weekday.THURSDAY]),
        ("Weds, Su", [Weekday.WEDNESDAY, Weekday.SUNDAY]),
        ([1, "2"], [Weekday.MONDAY, Weekday.TUESDAY]),
        ("Monday, Friday", [Weekday.MONDAY, Weekday.FRIDAY]),
    ],
)
def test_days_as_numbers_strings_names_or_lists(given, weekdays):
    listings = parse_item(meeting_row(day=given), row=1)

    assert [listing.fields["weekday"] for listing in listings] == weekdays


@pytest.mark.parametrize(
    ("given", "focuses", "features"),
    [
        (["W", "SP"], {"women"}, {"speaker"}),
        ("W", {"women"}, set()),
        ("Women, Speaker", {"women"}, {"speaker"}),
        (None, set(), set()),
        ([], set(), set()),
    ],
)
def test_types_as_a_list_a_string_or_null(given, focuses, features):
    [listing] = parse_item(meeting_row(types=given), row=1)

    assert (listing.focuses, listing.features) == (focuses, features)


def meeting_row(**fields):
    row = {"slug": "s", "name": "N", "day": 1, "time": "19:00"}
    return row | {"formatted_address": "1 High Street, Leeds LS6 2QJ, UK"} | fields


@pytest.mark.parametrize(
    ("schedule", "problem"),
    [
        ({"frequency": "fortnightly"}, "fortnight_anchor"),
        ({"frequency": "fortnightly", "fortnight_anchor": "8 Jan"}, "fortnight_anchor"),
        ({"frequency": "monthly"}, "week_of_month"),
        ({"frequency": "monthly", "week_of_month": "6"}, "week_of_month"),
        ({"frequency": "biweekly"}, "frequency"),
    ],
)
def test_a_row_with_a_schedule_it_cannot_read_is_rejected_alone(schedule, problem):
    with pytest.raises(Rejected) as rejected:
        parse_item(meeting_row(notes="Bring a friend", **schedule), row=1)

    assert [field for field, _ in rejected.value.problems] == [problem]


def test_a_fortnightly_meetings_date_as_a_uk_spreadsheet_writes_it_back():
    # 5 January 2026 was a Monday; Meeting Guide's day 1 is Monday.
    for written in ("2026-01-05", "05/01/2026"):
        row = meeting_row(frequency="fortnightly", fortnight_anchor=written)

        [listing] = parse_item(row, row=1)

        assert listing.fields["fortnight_anchor"] == datetime.date(2026, 1, 5)


def test_type_tables_map_every_tag_both_ways():
    focus_slugs = set(Focus.objects.values_list("slug", flat=True))
    feature_slugs = set(Feature.objects.values_list("slug", flat=True))

    assert set(types.FOCUS_TYPES) == focus_slugs
    assert set(types.FEATURE_TYPES) == feature_slugs
    assert {types.TYPE_FOCUSES[code] for code in types.FOCUS_TYPES.values()} == focus_slugs
    assert {types.TYPE_FEATURES[code] for code in types.FEATURE_TYPES.values()} == feature_slugs
    ours = [*types.FOCUS_TYPES.values(), *types.FEATURE_TYPES.values()]
    ours += [*types.OPENNESS_TYPES.values(), *types.VENUE_TYPES.values(), types.ONLINE]
    assert len(ours) == len(set(ours))  # one code for one meaning, so a feed reads back
    assert set(ours) - set(types.ALL_TYPES) == set()
    assert set(types.CUSTOM_TYPES) & set(types.MEETING_GUIDE_TYPES) == set()


def test_a_file_of_two_thousand_meetings(programme, tmp_path):
    path = tmp_path / "big.json"
    rows = [
        {
            "slug": f"m-{n}",
            "name": f"Meeting {n}",
            "day": n % 7,
            "time": f"{7 + n % 14}:{n % 4 * 15:02}",
            "types": ["O", "D"] if n % 2 else ["C"],
            "formatted_address": f"{n % 50} High Street, Leeds LS6 2QJ, UK",
        }
        for n in range(2000)
    ]
    path.write_text(json.dumps(rows))

    report = import_meetings(str(path))

    assert (
        report.splitlines()[0]
        == "2000 new, 0 changed, 0 unchanged, 0 ended, 0 detached, 0 rejected"
    )
    assert Meeting.objects.filter(source__isnull=False).count() == 2000
    assert Venue.objects.count() == 50


def test_a_spreadsheet_separated_by_semicolons_is_read(programme, tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text(
        "Time;Day;Name;Location;Address;City;Postal Code;Country\n"
        "19:30;Tuesday;Step Group;Church Hall;1 Kirk Lane;Leeds;LS6 2QJ;UK\n",
        encoding="utf-8",
    )

    import_meetings(str(path))

    meeting = Meeting.objects.select_related("venue").get()
    assert (meeting.name, meeting.weekday, meeting.venue.postcode) == (
        "Step Group",
        Weekday.TUESDAY,
        "LS6 2QJ",
    )


def test_a_spreadsheet_without_name_day_and_time_columns_is_refused_and_ends_nothing(
    programme, tmp_path
):
    path = tmp_path / "sheet.csv"
    path.write_text(
        "Time,Day,Name,Conference URL\n19:30,Tuesday,Step Group,https://meet.example.org/step\n",
        encoding="utf-8",
    )
    import_meetings(str(path))
    path.write_text("Heure,Jour,Nom\n19:30,mardi,Groupe\n", encoding="utf-8")  # another layout

    with pytest.raises(CommandError) as error:
        import_meetings(str(path))

    assert str(error.value) == (
        "The CSV has no column read as Name, Day or Time: its first row must name the columns, "
        "with at least Name, Day and Time (or Meeting Name, Weekday and Start Time). It reads "
        "“Heure,Jour,Nom”. Nothing was imported."
    )
    assert list(Meeting.objects.values_list("name", "status")) == [("Step Group", "active")]


@pytest.mark.parametrize("where", ["header", "row"])
def test_a_spreadsheet_cell_too_long_to_read_is_a_clear_error(programme, tmp_path, where):
    path = tmp_path / "sheet.csv"
    huge = "x" * 200_000
    header = f"Time,Day,Name,{huge if where == 'header' else 'Notes'}"
    path.write_text(f"{header}\n19:30,Tuesday,Step Group,ok\n19:30,Monday,A,{huge}\n")

    with pytest.raises(CommandError) as error:
        import_meetings(str(path))

    line = 1 if where == "header" else 3
    assert str(error.value) == (
        f"Line {line} of the CSV cannot be read: a cell is longer than 131,072 characters. "
        "Nothing was imported."
    )
    assert not Meeting.objects.exists()


def test_a_spreadsheet_saved_in_excels_own_encoding_gets_a_hint(programme, tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_bytes("Time,Day,Name\n19:30,Tuesday,Café Group\n".encode("cp1252"))

    with pytest.raises(CommandError) as error:
        import_meetings(str(path))

    assert str(error.value) == (
        "The file is not UTF-8 text, so it is neither JSON nor CSV. From Excel, save it as "
        "“CSV UTF-8 (Comma delimited)”. Nothing was imported."
    )


def test_a_uk_postcode_that_is_not_found_is_a_warning(programme, tmp_path):
    path = tmp_path / "feed.json"
    rows = [
        {"slug": slug, "name": slug, "day": 1, "time": "19:00", "location": "Hall",
         "address": "1 Lane", "city": "Leeds", "postal_code": postcode, "country": "UK"}
        for slug, postcode in (("known", "M1 1AE"), ("unknown", "ZZ9 9ZZ"), ("no-unit", "M1 9ZZ"))
    ]  # fmt: skip
    path.write_text(json.dumps(rows))

    report = import_meetings(str(path))
    Venue.objects.filter(postcode="ZZ9 9ZZ").update(
        latitude=53.8, longitude=-1.55, location_set_by_staff=True
    )
    report_after_staff_placed_it = import_meetings(str(path))

    assert [line for line in report.splitlines() if "postal_code" in line] == [
        "  Row 2 (unknown): postal_code: “ZZ9 9ZZ” was not found, so its venue will not be on "
        "the map, and searches near a place will not find it"
    ]  # M1 9ZZ is placed at its sector's or district's centre
    assert "postal_code" not in report_after_staff_placed_it


def test_a_uk_venue_without_a_postcode_or_in_a_region_with_no_area_is_a_warning(
    programme, tmp_path
):
    AreaFactory(name="Gwynedd")
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "ID,Day,Time,Name,Location,Address,City,Postal Code,Region,Conference URL\n"
        "np-1,Monday,19:00,No Postcode,Village Hall,Main Street,Llanrug,,Gwynedd,\n"
        "ok-1,Monday,19:00,Placed,Hall,1 Lane,Bangor,LL57 1AA,Ynys Môn,\n"
        "ok-2,Monday,20:00,Placed Too,Hall,1 Lane,Bangor,LL57 1AA,Ynys Môn,\n"
        "on-1,Monday,19:00,Online,,,Bangor,,Wrexham,https://meet.example.org/x\n",
        encoding="utf-8",
    )

    report = import_meetings(str(sheet)).splitlines()

    # In the spreadsheet's own words for its columns.
    assert [line for line in report if "Postal Code" in line or "Region" in line] == [
        "  Row 2 (np-1): Postal Code: there is none, so its venue will not be on the map, and "
        "searches near a place will not find it",
        "  Region: “Wrexham” is not the name of an area here, so new venues in it have no area "
        "until staff give them one",
        "  Region: “Ynys Môn” is not the name of an area here, so new venues in it have no area "
        "until staff give them one",
    ]
    assert Venue.objects.get(name="Village Hall").area.name == "Gwynedd"


def test_a_spreadsheets_report_names_its_columns_as_the_spreadsheet_does(programme, tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "Name,Day,Start Time,Location,Address,City,Postcode,Latitude,Longitude\n"
        "Hall Group,Monday,19:00,Hall,1 Lane,Leeds,LS6,91,0\n"
        "Late Group,Monday,25:00,Hall,1 Lane,Leeds,LS6 2QJ,,\n",
        encoding="utf-8",
    )

    report = import_meetings(str(sheet), skip_rejected=True).splitlines()

    assert [line for line in report if line.startswith("  Row")] == [
        "  Row 3 (late-group-monday-2500): Start Time: “25:00” is not a time such as 19:30 or "
        "7:30 PM",
        "  Row 2 (hall-group-monday-1900): Latitude/Longitude: out of range, so they were left out",
        "  Row 2 (hall-group-monday-1900): Postcode: “LS6” is not a full UK postcode, so its "
        "venue will not be on the map, and searches near a place will not find it",
        "  Row 2 (hall-group-monday-1900): Hall Group",
    ]


def test_a_sheet_kept_by_hand_is_read_by_its_own_headings_and_says_what_it_left(
    programme, tmp_path
):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "Meeting Name,Weekday,Start,Venue,Address,Town,Post code,Type,Zoom link,Colour\n"
        "Hope,Mondays,19:00-20:30,Hall,1 Lane,Leeds,LS6 2QJ,Open,,red\n"
        "Gobaith,Dydd Llun & Iau,12 noon,,,,,Online,https://meet.example.org/g,blue\n"
        "Hope,Mondays,19:00-20:30,Hall,1 Lane,Leeds,LS6 2QJ,Open,,red\n"
        "Nowhere,Tuesday,19:00,,,,,,,\n",
        encoding="utf-8",
    )

    report = import_meetings(str(sheet), skip_rejected=True).splitlines()

    assert report[:8] == [
        "3 new, 0 changed, 0 unchanged, 0 ended, 0 detached, 2 rejected",
        "",
        "Rejected:",
        "  Row 4 (hope-mondays-1900-2030): Meeting Name, Weekday and Start: the same as row 2’s",
        "  Row 5 (nowhere-tuesday-1900): Address: nobody could attend: no address and no joining "
        "link or dial-in number",
        "",
        "Warnings:",
        "  These columns were not read, as this site does not know their headings: Colour. To "
        "have one read, give it a heading of the meeting-list layout: ID, Time, End Time, Day, "
        "Name, Location, Address, City, State, Postal Code, Country, Types, Notes, Region, "
        "Location Notes, Conference URL, Conference URL Notes, Conference Phone, Conference "
        "Phone Notes, Group, Timezone, Latitude, Longitude, Approximate, Updated, URL, Contact 1 "
        "Name, Contact 1 Email, Contact 1 Phone, Attendance Option, Address Line 2, Languages, "
        "Frequency, Fortnight Anchor, Week of Month.",
    ]
    meetings = Meeting.objects.select_related("venue").order_by("name", "weekday")
    assert [
        (m.name, m.weekday, m.start_time, m.end_time, m.attendance, m.venue and m.venue.postcode)
        for m in meetings
    ] == [
        ("Gobaith", Weekday.MONDAY, datetime.time(12), None, "online", None),
        ("Gobaith", Weekday.THURSDAY, datetime.time(12), None, "online", None),
        ("Hope", Weekday.MONDAY, datetime.time(19), datetime.time(20, 30), "in-person", "LS6 2QJ"),
    ]


def test_text_longer_than_its_field_is_cut_short_with_a_warning(programme, tmp_path):
    path = tmp_path / "feed.json"
    row = {"slug": "long", "name": "Long Address Group", "day": 1, "time": "19:00",
           "location": "Hall", "address": "1 Lane " * 1500, "city": "Leeds",
           "postal_code": "LS6 2QJ", "group": "G" * 300}  # fmt: skip
    path.write_text(json.dumps([row]))

    report = import_meetings(str(path))

    assert [line for line in report.splitlines() if "cut short" in line] == [
        "  Row 1 (long): address: longer than 200 characters, so it was cut short",
        "  Row 1 (long): group: longer than 200 characters, so it was cut short",
    ]
    meeting = Meeting.objects.select_related("venue").get()
    assert (len(meeting.group_name), len(meeting.venue.address_line_1)) == (200, 200)


def test_postcodes_are_checked_in_three_queries_however_many(django_assert_num_queries):
    with django_assert_num_queries(3):  # units, then sectors, then districts
        unplaced = unplaced_postcodes({"M1 1AE", "ZZ9 9ZZ", "M1 9ZZ", "LS6 2QJ"})

    assert unplaced == {"ZZ9 9ZZ"}


SHEET_HEADER = "ID,Day,Time,End Time,Name,Location,Address,City,Postal Code,Types\n"


def import_sheet(path, *rows):
    path.write_text(SHEET_HEADER + "".join(row + "\n" for row in rows), encoding="utf-8")
    return import_meetings(str(path)).splitlines()[0]


def test_a_row_of_several_days_that_lists_one_now_keeps_that_days_meeting(programme, tmp_path):
    path = tmp_path / "sheet.csv"
    import_sheet(path, 'md-1,"Monday, Thursday",19:00,20:00,Twice,Hall,3 Lane,Bangor,LL57 1AA,O')
    monday = Meeting.objects.get(weekday=Weekday.MONDAY)

    summary = import_sheet(path, "md-1,Monday,19:00,20:00,Twice,Hall,3 Lane,Bangor,LL57 1AA,O")

    assert summary == "0 new, 0 changed, 1 unchanged, 1 ended, 0 detached, 0 rejected"
    assert Meeting.objects.get(status=Status.ACTIVE) == monday  # its address and history
    assert Meeting.objects.get(status=Status.ENDED).weekday == Weekday.THURSDAY


def test_this_sites_export_of_a_source_imported_again_into_it_changes_nothing(
    client, programme, tmp_path
):
    path = tmp_path / "sheet.csv"
    import_sheet(path, 'md-1,"Monday, Thursday",19:00,20:00,Twice,Hall,3 Lane,Bangor,LL57 1AA,O')
    slugs = sorted(Meeting.objects.values_list("slug", flat=True))
    path.write_bytes(b"".join(client.get(reverse("meetings:meeting_csv")).streaming_content))

    summary = import_meetings(str(path)).splitlines()[0]

    assert summary == "0 new, 0 changed, 2 unchanged, 0 ended, 0 detached, 0 rejected"
    assert (
        sorted(Meeting.objects.values_list("slug", flat=True))
        == slugs
        == [
            "md-1-monday",
            "md-1-thursday",
        ]
    )


def test_in_a_sheet_without_ids_a_new_time_changes_the_meeting(programme, tmp_path):
    path = tmp_path / "sheet.csv"
    header = "Day,Time,End Time,Name,Location,Address,City,Postal Code\n"
    path.write_text(header + "Monday,19:00,20:00,Bangor Monday,Hall,3 Lane,Bangor,LL57 1AA\n")
    import_meetings(str(path))
    path.write_text(header + "Monday,19:30,20:30,Bangor Monday,Hall,3 Lane,Bangor,LL57 1AA\n")

    report = import_meetings(str(path)).splitlines()

    assert report[0] == "0 new, 1 changed, 0 unchanged, 0 ended, 0 detached, 0 rejected"
    meeting = Meeting.objects.get()
    assert (meeting.slug, meeting.start_time) == (
        "bangor-monday-monday-1900",
        datetime.time(19, 30),
    )
    assert meeting.source_key == "bangor-monday-monday-1930"  # as the sheet makes it now


def test_two_meetings_of_one_name_and_day_are_not_guessed_between(programme, tmp_path):
    path = tmp_path / "sheet.csv"
    header = "Day,Time,Name,Location,Address,City,Postal Code\n"
    rows = [f"Monday,{t},Step,Hall,3 Lane,Bangor,LL57 1AA\n" for t in ("10:00", "19:00")]
    path.write_text(header + "".join(rows))
    import_meetings(str(path))
    path.write_text(header + "".join(row.replace(":00", ":30") for row in rows))

    report = import_meetings(str(path)).splitlines()

    assert report[0] == "2 new, 0 changed, 0 unchanged, 2 ended, 0 detached, 0 rejected"
