"""Every Open Referral UK endpoint answers JSON that the profile's compiled schemas accept.

The schemas are copies in tests/oruk_schemas/ (see its README); they are checked with the
Draft 2020-12 validator and its format checker, so ids must be UUIDs, links URIs and
`last_modified` an RFC 3339 date-time.
"""

import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from meetings.models import Frequency, Meeting, Status, Weekday, WeekOfMonth
from oruk import ids, mapping
from tests.factories import MeetingFactory, VenueFactory

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).parent / "oruk_schemas"
OPENAPI = json.loads((Path(__file__).parent.parent / "oruk" / "openapi.json").read_text())
PAGE_KEYS = [
    "total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty",
    "contents",
]  # fmt: skip


def compiled(name):
    return json.loads((SCHEMAS / f"{name}.json").read_text())


def definition(name):
    """The profile compiles no taxonomy or term schema: use service_with_definitions.json's."""
    definitions = compiled("service_with_definitions")["definitions"]
    return {"$ref": f"#/definitions/{name}", "definitions": definitions}


def page_of(item_schema):
    """The OpenAPI document's Page, with every key required (we always send them all)."""
    item_schema = dict(item_schema)
    return {
        "allOf": [OPENAPI["components"]["schemas"]["Page"]],
        "type": "object",
        "required": PAGE_KEYS,
        "properties": {"contents": {"type": "array", "items": item_schema}},
        "definitions": item_schema.pop("definitions", {}),  # where a definition's $refs point
    }


def validator(schema):
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


ROOT = OPENAPI["paths"]["/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
SERVICE = validator(compiled("service"))
SERVICE_PAGE = validator(page_of(compiled("service_list")))
SERVICE_AT_LOCATION = validator(compiled("service_at_location"))
SERVICE_AT_LOCATION_PAGE = validator(page_of(compiled("service_at_location_list")))
TAXONOMY = validator(definition("taxonomy"))
TAXONOMY_PAGE = validator(page_of(definition("taxonomy")))
TERM = validator(definition("taxonomy_term"))
TERM_PAGE = validator(page_of(definition("taxonomy_term")))


@pytest.fixture
def meetings():
    """One of each kind of meeting the mapping treats differently, and an ended one."""
    venue = VenueFactory(
        address_line_2="Back entrance",
        step_free=True,
        hearing_loop=True,
        accessible_toilet=True,
        access_notes="Ramp at the side door.",
    )
    return [
        MeetingFactory(venue=venue, focuses=["women"], features=["speaker"], end_time="21:00"),
        MeetingFactory(
            online=True,
            weekday=Weekday.TUESDAY,
            frequency=Frequency.FORTNIGHTLY,
            fortnight_anchor=datetime.date(2026, 11, 24),
            online_meeting_id="123 456",
            online_passcode="hope",
            phone_dial_in="0161 496 0000",
            time_zone="America/New_York",
        ),
        MeetingFactory(
            hybrid=True,
            weekday=Weekday.FRIDAY,
            frequency=Frequency.MONTHLY,
            week_of_month=WeekOfMonth.LAST,
            group_name="Hope Recovery Community (LERO)",
            contact_public=True,
            contact_name="Sam",
            contact_email="sam@example.org",
            contact_phone="0161 496 0001",
            languages="English, Polish",
            last_verified=datetime.date(2026, 10, 1),
        ),
        MeetingFactory(status=Status.TEMPORARILY_CLOSED),
        MeetingFactory(status=Status.ENDED),
    ]


def test_the_api_root_names_the_version_profile_and_openapi_document(client):
    data = client.get("/api/oruk/").json()

    validator(ROOT).validate(data)
    assert data == {
        "version": "3.0",
        "profile": "https://github.com/openreferral/uk-profile",
        "openapi_url": "http://testserver/api/oruk/openapi.json",
    }


def test_the_openapi_document_is_served_where_the_root_says(client):
    url = client.get("/api/oruk/").json()["openapi_url"]

    assert client.get(url).json() == OPENAPI | {
        "servers": [{"url": "http://testserver/api/oruk"}]  # where its paths are
    }


def test_service_list_validates(client, meetings):
    data = client.get("/api/oruk/services").json()

    SERVICE_PAGE.validate(data)
    assert data["total_items"] == 4  # the ended meeting is not published


def test_every_service_validates(client, meetings):
    for meeting in meetings[:4]:
        SERVICE.validate(
            client.get(f"/api/oruk/services/{ids.row_id(ids.SERVICE, meeting.pk)}").json()
        )


def test_service_at_location_list_validates(client, meetings):
    data = client.get("/api/oruk/service_at_locations").json()

    SERVICE_AT_LOCATION_PAGE.validate(data)
    assert data["total_items"] == 5  # in person, online, hybrid twice, temporarily closed


def test_every_service_at_location_validates(client, meetings):
    contents = client.get("/api/oruk/service_at_locations").json()["contents"]

    for item in contents:
        SERVICE_AT_LOCATION.validate(
            client.get(f"/api/oruk/service_at_locations/{item['id']}").json()
        )
    assert len(contents) == 5


def test_taxonomies_validate(client, meetings):
    data = client.get("/api/oruk/taxonomies").json()

    TAXONOMY_PAGE.validate(data)
    for taxonomy in data["contents"]:
        TAXONOMY.validate(client.get(f"/api/oruk/taxonomies/{taxonomy['id']}").json())
    assert data["total_items"] == len(mapping.TAXONOMIES)


def test_taxonomy_terms_validate(client, meetings):
    data = client.get("/api/oruk/taxonomy_terms", {"per_page": 100}).json()

    TERM_PAGE.validate(data)
    for term in data["contents"]:
        TERM.validate(client.get(f"/api/oruk/taxonomy_terms/{term['id']}").json())
    assert data["total_items"] == len(mapping.vocabulary())


def test_every_demo_meeting_validates(client):
    call_command("load_demo_data", stdout=io.StringIO())

    for meeting in Meeting.objects.exclude(status=Status.ENDED):
        service = client.get(f"/api/oruk/services/{ids.row_id(ids.SERVICE, meeting.pk)}")
        SERVICE.validate(service.json())
    for page in (1, 2):
        response = client.get("/api/oruk/service_at_locations", {"page": page, "per_page": 100})
        SERVICE_AT_LOCATION_PAGE.validate(response.json())


def test_the_format_checker_is_on(client, meetings):
    """So the tests above would catch an id that is not a UUID, or a relative link."""
    data = client.get(f"/api/oruk/services/{ids.row_id(ids.SERVICE, meetings[0].pk)}").json()

    with pytest.raises(ValidationError, match="is not a 'uuid'"):
        SERVICE.validate(data | {"id": "meeting-1"})
    with pytest.raises(ValidationError, match="is not a 'uri'"):
        SERVICE.validate(data | {"url": "/meetings/meeting-1/"})
    with pytest.raises(ValidationError, match="is not a 'date-time'"):
        SERVICE.validate(data | {"last_modified": "yesterday"})
