"""The spreadsheet export: /meetings/export.csv."""

import csv
import datetime
import io

import pytest
import time_machine
from django.urls import reverse

from meetings.exchange import importer
from meetings.models import Weekday
from tests.factories import MeetingFactory, create_meetings_in_bulk

pytestmark = pytest.mark.django_db
EXPORT = reverse("meetings:meeting_csv")


def exported(client, **params):
    response = client.get(EXPORT, params)
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    assert content.startswith("\ufeffID,")  # Excel reads UTF-8 only after this mark
    return list(csv.DictReader(io.StringIO(content.removeprefix("\ufeff"))))


@time_machine.travel(datetime.datetime(2026, 3, 2, 12, tzinfo=datetime.UTC), tick=False)
def test_export_has_the_spreadsheet_layout(client):
    MeetingFactory(
        slug="tuesday-women",
        name="Tuesday Women",
        weekday=Weekday.TUESDAY,
        end_time=datetime.time(21, 0),
        focuses=["women"],
        features=["speaker"],
        public_notes="Tea, then the meeting.",
    )

    response = client.get(EXPORT)
    [row] = exported(client)

    assert response["Content-Disposition"] == 'attachment; filename="meetings.csv"'
    assert {key: value for key, value in row.items() if value} == {
        "ID": "tuesday-women",
        "Time": "19:30",
        "End Time": "21:00",
        "Day": "Tuesday",
        "Name": "Tuesday Women",
        "Location": row["Location"],
        "Address": "1 High Street",
        "City": "Manchester",
        "Postal Code": "M1 1AE",
        "Country": "United Kingdom",
        "Types": "English, Open, Speaker, Women",
        "Notes": "Tea, then the meeting.",
        "Timezone": "Europe/London",
        "Latitude": row["Latitude"],
        "Longitude": row["Longitude"],
        "Updated": "2026-03-02 12:00:00",
        "URL": "http://testserver/meetings/tuesday-women/",
        "Attendance Option": "in_person",
        "Languages": "English",
    }
    assert row["Location"].startswith("Venue ")


def test_cells_a_spreadsheet_would_run_as_formulas_are_written_as_text(client, tmp_path):
    meeting = MeetingFactory(
        slug="formulas",
        name='=HYPERLINK("http://evil.example","click")',
        group_name="@SUM(1+1)",
        public_notes="-1 step at the door",
        contact_public=True,
        contact_name="=1+1",
        contact_phone="+44 7700 900123",
    )

    [row] = exported(client)

    assert (row["Name"], row["Group"], row["Notes"]) == (
        '\'=HYPERLINK("http://evil.example","click")',
        "'@SUM(1+1)",
        "'-1 step at the door",
    )
    assert (row["Contact 1 Name"], row["Contact 1 Phone"]) == ("'=1+1", "'+44 7700 900123")
    assert row["Longitude"].startswith("-2.")  # Manchester's; a number stays one
    path = tmp_path / "export.csv"
    path.write_bytes(b"".join(client.get(EXPORT).streaming_content))
    [(_, item)] = importer.read_items(path.read_bytes(), path.name)
    assert (item["name"], item["group"], item["notes"], item["contact_1_phone"]) == (
        meeting.name,
        meeting.group_name,
        meeting.public_notes,
        meeting.contact_phone,
    )


def test_a_dial_in_number_keeps_its_first_zero_in_a_spreadsheet(client, tmp_path):
    MeetingFactory(hybrid=True, phone_dial_in="020 7946 0321", venue__postcode="M1 1AE")

    [row] = exported(client)

    assert row["Conference Phone"] == "'02079460321"  # text, not the number 2079460321
    assert row["Postal Code"] == "M1 1AE"
    path = tmp_path / "export.csv"
    path.write_bytes(b"".join(client.get(EXPORT).streaming_content))
    [(_, item)] = importer.read_items(path.read_bytes(), path.name)
    assert item["conference_phone"] == "02079460321"


def test_export_takes_the_finders_filters(client):
    MeetingFactory(slug="monday", weekday=Weekday.MONDAY)
    MeetingFactory(slug="sunday", weekday=Weekday.SUNDAY)

    assert [row["ID"] for row in exported(client, day="sunday")] == ["sunday"]


def test_export_answers_bad_filters_with_400(client):
    response = client.get(EXPORT, {"open": "ajar"})

    assert response.status_code == 400
    assert response.content.decode() == (
        "There is a problem with the search:\n"
        "Open or closed: “ajar” is not one of these: open, closed.\n"
    )


@pytest.mark.parametrize("n_meetings", [1, 30])
def test_export_query_count_does_not_grow(client, django_assert_num_queries, n_meetings):
    create_meetings_in_bulk(n_meetings)

    # When anything last changed; meetings with programme, venue and area; focuses; features.
    with django_assert_num_queries(4):
        rows = exported(client)

    assert len(rows) == n_meetings


def test_export_answers_conditional_requests_with_304(client):
    MeetingFactory()
    last_modified = client.get(EXPORT)["Last-Modified"]

    assert client.get(EXPORT, headers={"if-modified-since": last_modified}).status_code == 304
