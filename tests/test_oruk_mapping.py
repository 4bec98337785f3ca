"""How meetings appear in Open Referral UK: schedules, locations, status, organisations,
vocabulary, privacy and ids (the table in docs/open-referral-uk.md)."""

import datetime
import io
import uuid

import pytest
from django.core.management import call_command

from meetings.models import Frequency, Meeting, Openness, Status, Weekday, WeekOfMonth
from oruk import ids, mapping, queries
from tests.factories import MeetingFactory, ProgrammeFactory, VenueFactory

pytestmark = pytest.mark.django_db


def service(client, meeting):
    response = client.get(f"/api/oruk/services/{ids.row_id(ids.SERVICE, meeting.pk)}")
    assert response.status_code == 200
    return response.json()


def service_id(meeting):
    return str(ids.row_id(ids.SERVICE, meeting.pk))


def term_ids(client, taxonomy_slug):
    """{our code: term id} for one taxonomy, from the API itself."""
    taxonomy_id = str(ids.name_id("taxonomy", taxonomy_slug))
    terms = client.get("/api/oruk/taxonomy_terms", {"per_page": 100}).json()["contents"]
    return {term["term"]: term["id"] for term in terms if term["taxonomy_id"] == taxonomy_id}


# Schedules


def test_weekly_meeting_schedule(client):
    meeting = MeetingFactory(weekday=Weekday.MONDAY, start_time="19:30", end_time="21:00")

    assert service(client, meeting)["schedules"] == [
        {
            "id": str(ids.row_id(ids.SCHEDULE, meeting.pk)),
            "service_id": service_id(meeting),
            "dtstart": "2024-01-01",  # the first Monday from the fixed epoch
            "freq": "WEEKLY",
            "interval": 1,
            "byday": "MO",
            "opens_at": "19:30",
            "closes_at": "21:00",
            "timezone": "Europe/London",
            "attending_type": "In person",
            "description": "Every Monday, 19:30 to 21:00, UK time",
        }
    ]


def test_fortnightly_meeting_schedule_keeps_its_weeks(client):
    meeting = MeetingFactory(
        weekday=Weekday.TUESDAY,
        frequency=Frequency.FORTNIGHTLY,
        fortnight_anchor=datetime.date(2026, 11, 24),
    )

    schedule = service(client, meeting)["schedules"][0]

    assert {key: schedule[key] for key in ("freq", "interval", "byday", "dtstart")} == {
        "freq": "WEEKLY",
        "interval": 2,
        "byday": "TU",
        "dtstart": "2024-01-09",  # 2024-01-02 is in the other week: 151 weeks before the anchor
    }
    assert (datetime.date(2026, 11, 24) - datetime.date(2024, 1, 9)).days % 14 == 0
    assert schedule["description"] == "Every other Tuesday, 19:30, UK time"


def test_first_tuesday_of_the_month_schedule(client):
    meeting = MeetingFactory(
        weekday=Weekday.TUESDAY, frequency=Frequency.MONTHLY, week_of_month=WeekOfMonth.FIRST
    )

    schedule = service(client, meeting)["schedules"][0]

    assert {key: schedule[key] for key in ("freq", "interval", "byday", "dtstart")} == {
        "freq": "MONTHLY",
        "interval": 1,
        "byday": "1TU",
        "dtstart": "2024-01-02",
    }
    assert schedule["description"] == "First Tuesday of the month, 19:30, UK time"


def test_last_friday_of_the_month_schedule(client):
    meeting = MeetingFactory(
        weekday=Weekday.FRIDAY, frequency=Frequency.MONTHLY, week_of_month=WeekOfMonth.LAST
    )

    schedule = service(client, meeting)["schedules"][0]

    assert {key: schedule[key] for key in ("freq", "interval", "byday", "dtstart")} == {
        "freq": "MONTHLY",
        "interval": 1,
        "byday": "-1FR",
        "dtstart": "2024-01-26",
    }
    assert schedule["description"] == "Last Friday of the month, 19:30, UK time"


def test_a_schedule_that_never_comes_round_has_no_first_date():
    """Forms refuse a "week 0", but no constraint stops the database holding one: the
    search for the first date must end rather than hang."""
    meeting = Meeting(weekday=Weekday.TUESDAY, frequency=Frequency.MONTHLY, week_of_month=0)

    assert mapping.first_meeting_date(meeting) is None


def test_meeting_run_from_abroad_keeps_its_time_zone(client):
    meeting = MeetingFactory(online=True, time_zone="America/New_York", start_time="14:00")

    schedule = service(client, meeting)["schedules"][0]

    assert (schedule["opens_at"], schedule["timezone"], schedule["description"]) == (
        "14:00",
        "America/New_York",
        "Every Monday, 14:00, America/New_York time",
    )


# Locations


def test_in_person_meeting_is_at_its_venue(client):
    venue = VenueFactory(
        name="St Mary's Hall",
        address_line_1="1 High Street",
        address_line_2="Side door",
        town="Manchester",
        postcode="M1 1AE",
        step_free=True,
        hearing_loop=False,
        accessible_toilet=True,
        access_notes="Ring the bell.",
    )
    meeting = MeetingFactory(venue=venue)
    location_id = str(ids.row_id(ids.VENUE, venue.pk))

    assert service(client, meeting)["service_at_locations"] == [
        {
            "id": str(ids.row_id(ids.IN_PERSON, meeting.pk)),
            "service_id": service_id(meeting),
            "location_id": location_id,
            "location": {
                "id": location_id,
                "location_type": "physical",
                "name": "St Mary's Hall",
                "latitude": venue.latitude,
                "longitude": venue.longitude,
                "addresses": [
                    {
                        "id": str(ids.row_id(ids.ADDRESS, venue.pk)),
                        "location_id": location_id,
                        "address_1": "1 High Street",
                        "address_2": "Side door",
                        "city": "Manchester",
                        "state_province": "",
                        "postal_code": "M1 1AE",
                        "country": "GB",
                        "address_type": "physical",
                    }
                ],
                "accessibility": [
                    {
                        "id": str(ids.row_id(ids.ACCESSIBILITY, venue.pk)),
                        "location_id": location_id,
                        "description": "Step-free access. Accessible toilet.",
                        "details": "Ring the bell.",
                    }
                ],
            },
        }
    ]
    assert (venue.latitude, venue.longitude) == (53.48346, -2.23118)  # the unit M1 1AE


def test_online_meeting_has_a_virtual_location_with_its_joining_details(client):
    meeting = MeetingFactory(
        name="Online Hope",
        online=True,
        online_meeting_id="123 456 789",
        online_passcode="serenity",
        phone_dial_in="0161 496 0000",
        online_notes="Cameras optional.",
    )

    assert service(client, meeting)["service_at_locations"] == [
        {
            "id": str(ids.row_id(ids.ONLINE, meeting.pk)),
            "service_id": service_id(meeting),
            "location_id": str(ids.row_id(ids.VIRTUAL_LOCATION, meeting.pk)),
            "location": {
                "id": str(ids.row_id(ids.VIRTUAL_LOCATION, meeting.pk)),
                "location_type": "virtual",
                "name": "Online Hope (online)",
                "url": "https://meet.example.org/abc",
                "description": "Meeting ID: 123 456 789\nPasscode: serenity\n"
                "By phone: 0161 496 0000\nCameras optional.",
            },
        }
    ]


def test_hybrid_meeting_is_at_its_venue_and_online(client):
    meeting = MeetingFactory(hybrid=True)

    locations = service(client, meeting)["service_at_locations"]

    assert [(sal["id"], sal["location"]["location_type"]) for sal in locations] == [
        (str(ids.row_id(ids.IN_PERSON, meeting.pk)), "physical"),
        (str(ids.row_id(ids.ONLINE, meeting.pk)), "virtual"),
    ]
    assert locations[1]["location"]["url"] == "https://meet.example.org/hybrid"


def test_online_meeting_with_a_venue_on_file_is_only_online(client):
    meeting = MeetingFactory(online=True, venue=VenueFactory(step_free=True, hearing_loop=True))

    data = service(client, meeting)

    assert [sal["location"]["location_type"] for sal in data["service_at_locations"]] == ["virtual"]
    assert [(a["link_type"], a["taxonomy_term"]["term"]) for a in data["attributes"]] == [
        ("approach", "twelve-step"),
        ("programme", meeting.programme.slug),
        ("attendance", "online"),
        ("openness", "open"),
    ]  # and no access terms from the venue


def test_hybrid_meeting_has_both_attendance_terms_and_its_own(client):
    meeting = MeetingFactory(hybrid=True)
    attendance = term_ids(client, "attendance")

    attributes = service(client, meeting)["attributes"]

    assert [a["taxonomy_term_id"] for a in attributes if a["link_type"] == "attendance"] == [
        attendance["in-person"],
        attendance["online"],
        attendance["hybrid"],
    ]


# Status


def test_temporarily_closed_meeting_is_published_with_its_status(client):
    meeting = MeetingFactory(status=Status.TEMPORARILY_CLOSED)

    data = service(client, meeting)

    assert (data["status"], data["alert"]) == (
        "temporarily closed",
        "This meeting is temporarily closed.",
    )
    listed = client.get("/api/oruk/services").json()["contents"]
    assert [(s["id"], s["status"]) for s in listed] == [(service_id(meeting), "temporarily closed")]


def test_ended_meetings_are_absent(client):
    ended = MeetingFactory(status=Status.ENDED, hybrid=True)
    active = MeetingFactory()

    assert [s["id"] for s in client.get("/api/oruk/services").json()["contents"]] == [
        service_id(active)
    ]
    assert [
        s["service_id"] for s in client.get("/api/oruk/service_at_locations").json()["contents"]
    ] == [service_id(active)]
    assert client.get(f"/api/oruk/services/{service_id(ended)}").status_code == 404
    for kind in (ids.IN_PERSON, ids.ONLINE):
        path = f"/api/oruk/service_at_locations/{ids.row_id(kind, ended.pk)}"
        assert client.get(path).status_code == 404


# Organisation, description and vocabulary


def test_organisation_is_the_programme(client):
    programme = ProgrammeFactory(
        name="Narcotics Anonymous",
        slug="narcotics-anonymous",
        summary="A fellowship.",
        website="https://ukna.org/",
    )
    meeting = MeetingFactory(programme=programme)

    data = service(client, meeting)

    assert data["organization"] == {
        "id": str(ids.name_id("organization", "narcotics-anonymous")),
        "name": "Narcotics Anonymous",
        "description": "A fellowship.",
        "website": "https://ukna.org/",
    }
    assert data["organization_id"] == data["organization"]["id"]


def test_organisation_is_the_group_within_its_programme(client):
    programme = ProgrammeFactory(name="SMART Recovery", slug="smart-recovery")
    meeting = MeetingFactory(programme=programme, group_name="Salford Recovery Connections")
    other = MeetingFactory(programme=programme, group_name="salford recovery connections ")

    organization = service(client, meeting)["organization"]

    assert organization == {
        "id": str(ids.name_id("organization", "smart-recovery/salford-recovery-connections")),
        "name": "Salford Recovery Connections",
        "description": "Salford Recovery Connections holds SMART Recovery meetings.",
        "parent_organization_id": str(ids.name_id("organization", "smart-recovery")),
    }
    assert service(client, other)["organization"]["id"] == organization["id"]


def test_attributes_carry_our_vocabulary(client):
    programme = ProgrammeFactory(slug="smart-recovery", approach="skills-based")
    venue = VenueFactory(step_free=True, hearing_loop=True)
    meeting = MeetingFactory(
        programme=programme,
        venue=venue,
        openness=Openness.CLOSED,
        focuses=["women", "lgbtq"],
        features=["speaker"],
    )

    attributes = service(client, meeting)["attributes"]

    assert [(a["link_type"], a["taxonomy_term"]["term"]) for a in attributes] == [
        ("approach", "skills-based"),
        ("programme", "smart-recovery"),
        ("attendance", "in-person"),
        ("focus", "women"),
        ("focus", "lgbtq"),
        ("feature", "speaker"),
        ("openness", "closed"),
        ("access", "step-free"),
        ("access", "hearing-loop"),
    ]
    published = {
        t["id"]
        for t in client.get("/api/oruk/taxonomy_terms", {"per_page": 100}).json()["contents"]
    }
    assert {a["taxonomy_term_id"] for a in attributes} <= published
    assert {a["link_id"] for a in attributes} == {service_id(meeting)}


def test_description_languages_and_fees(client):
    meeting = MeetingFactory(
        public_notes="Tea from 7pm.", languages="English, Polish; BSL", last_verified="2026-10-01"
    )

    data = service(client, meeting)

    assert data["description"] == (
        "Tea from 7pm.\n\nA fellowship of people who help each other stay clean."
    )
    assert [language["name"] for language in data["languages"]] == ["English", "Polish", "BSL"]
    assert (data["fees"], data["assured_date"], data["url"]) == (
        "Free. Some groups pass round a pot for voluntary contributions towards the room.",
        "2026-10-01",
        f"http://testserver/meetings/{meeting.slug}/",
    )


# Privacy


STAFF_ONLY = dict(
    staff_notes="Secretary is unwell; STAFF-ONLY-NOTE",
    contact_name="Private Person",
    contact_email="private@example.org",
    contact_phone="07700 900000",
)


def test_contact_details_are_private_unless_the_group_made_them_public(client):
    meeting = MeetingFactory(contact_public=False, **STAFF_ONLY)

    data = service(client, meeting)
    everything = b"".join(
        client.get(path).content
        for path in (
            f"/api/oruk/services/{service_id(meeting)}",
            "/api/oruk/services",
            "/api/oruk/service_at_locations",
            f"/api/oruk/service_at_locations/{ids.row_id(ids.IN_PERSON, meeting.pk)}",
        )
    ).decode()

    assert (data["contacts"], "email" in data) == ([], False)
    for secret in STAFF_ONLY.values():
        assert secret not in everything


def test_public_contact_details_are_published_but_staff_notes_never(client):
    meeting = MeetingFactory(contact_public=True, **STAFF_ONLY)
    contact_id = str(ids.row_id(ids.CONTACT, meeting.pk))

    response = client.get(f"/api/oruk/services/{service_id(meeting)}")
    data = response.json()

    assert data["contacts"] == [
        {
            "id": contact_id,
            "service_id": service_id(meeting),
            "title": "Group contact",
            "name": "Private Person",
            "email": "private@example.org",
            "phones": [
                {
                    "id": str(ids.row_id(ids.PHONE, meeting.pk)),
                    "contact_id": contact_id,
                    "number": "07700 900000",
                }
            ],
        }
    ]
    assert data["email"] == "private@example.org"
    assert "STAFF-ONLY-NOTE" not in response.content.decode()


# Ids


def test_ids_are_derived_and_never_change():
    """Pinned: consumers sync on these. If this fails, ids have changed for everyone."""
    assert str(ids.row_id(ids.SERVICE, 1)) == "5af9661e-6708-8c59-8000-000000000001"
    assert str(ids.row_id(ids.VENUE, 42)) == "74b3c477-5dda-8305-8000-00000000002a"
    assert str(ids.name_id("focus", "women")) == "6435d24b-f49d-5f66-aa44-956653e415c4"
    assert uuid.UUID(str(ids.row_id(ids.SERVICE, 1))).version == 8


def test_row_ids_give_back_their_primary_key_and_kind():
    text = str(ids.row_id(ids.SCHEDULE, 123456))

    assert (
        ids.pk_from(ids.SCHEDULE, text),
        ids.pk_from(ids.SERVICE, text),
        ids.pk_from(ids.SCHEDULE, text.upper()),
        ids.pk_from(ids.SCHEDULE, "not-a-uuid"),
        ids.pk_from(ids.SCHEDULE, str(uuid.uuid4())),
    ) == (123456, None, 123456, None, None)  # either case, as RFC 9562 asks


def published_ids(client):
    """Every id the lists publish for the demo data, in order; and the ids nested in the first
    five services (schedules, organisations, attributes, locations)."""
    listed, nested = [], []
    for path in (
        "/api/oruk/services",
        "/api/oruk/service_at_locations",
        "/api/oruk/taxonomy_terms",
    ):
        page, last = 1, False
        while not last:
            data = client.get(path, {"page": page, "per_page": 100}).json()
            listed += [item["id"] for item in data["contents"]]
            page, last = page + 1, data["last_page"]
    for service_item in client.get("/api/oruk/services", {"per_page": 5}).json()["contents"]:
        full = client.get(f"/api/oruk/services/{service_item['id']}").json()
        nested += [full["schedules"][0]["id"], full["organization"]["id"]]
        nested += [a["id"] for a in full["attributes"]]
        nested += [sal["location"]["id"] for sal in full["service_at_locations"]]
    return listed, nested


def test_ids_are_stable_across_two_loads_of_the_data(client):
    call_command("load_demo_data", stdout=io.StringIO())
    listed, nested = published_ids(client)

    call_command("load_demo_data", stdout=io.StringIO())  # updates every row in place

    published = Meeting.objects.exclude(status=Status.ENDED).order_by(*queries.ORDER)
    assert published_ids(client) == (listed, nested)
    assert len(listed) == len(set(listed))  # no two things share an id
    assert listed[: len(published)] == [service_id(meeting) for meeting in published]


def test_coordinates_are_given_to_five_places_as_the_feed_gives_them(client):
    venue = VenueFactory(
        latitude=53.47181125000002, longitude=-2.2411000000001, location_set_by_staff=True
    )

    [at] = service(client, MeetingFactory(venue=venue))["service_at_locations"]

    assert (at["location"]["latitude"], at["location"]["longitude"]) == (53.47181, -2.2411)
