"""The Open Referral UK API's parameters, errors, paging, query counts, caching and CORS."""

import datetime
import uuid
from urllib.parse import urlencode

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.utils import timezone
from django.utils.http import http_date
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings.models import Meeting, Weekday, last_changed, last_changes
from oruk import ids
from tests.factories import (
    MeetingFactory,
    ProgrammeFactory,
    VenueFactory,
    create_meetings_in_bulk,
)

pytestmark = pytest.mark.django_db

SERVICES = "/api/oruk/services"
SERVICES_AT_LOCATIONS = "/api/oruk/service_at_locations"
LISTS = [SERVICES, SERVICES_AT_LOCATIONS]
PAGE_KEYS = {
    "total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty",
    "contents",
}  # fmt: skip
ERROR_KEYS = {"status", "message", "errors"}


def service_id(meeting):
    return str(ids.row_id(ids.SERVICE, meeting.pk))


def listed(client, path=SERVICES, **params):
    response = client.get(path, params)
    assert response.status_code == 200, response.content
    return response.json()


def names(client, **params):
    return [service["name"] for service in listed(client, **params)["contents"]]


def term_id(client, taxonomy_slug, code):
    terms = client.get("/api/oruk/taxonomy_terms", {"per_page": 100}).json()["contents"]
    taxonomy_id = str(ids.name_id("taxonomy", taxonomy_slug))
    return next(t["id"] for t in terms if (t["taxonomy_id"], t["term"]) == (taxonomy_id, code))


# Paging


def test_page_object_describes_the_page(client):
    create_meetings_in_bulk(7)

    data = listed(client, page=3, per_page=3)

    assert {key: value for key, value in data.items() if key != "contents"} == {
        "total_items": 7,
        "total_pages": 3,
        "page_number": 3,
        "size": 1,
        "first_page": False,
        "last_page": True,
        "empty": False,
    }


def test_a_page_after_the_last_is_empty(client):
    create_meetings_in_bulk(2)

    data = listed(client, page=5, per_page=3)

    assert (data["total_items"], data["size"], data["empty"], data["contents"]) == (2, 0, True, [])


def test_no_results_is_one_empty_page(client):
    data = listed(client)

    assert {key: value for key, value in data.items()} == {
        "total_items": 0,
        "total_pages": 1,
        "page_number": 1,
        "size": 0,
        "first_page": True,
        "last_page": True,
        "empty": True,
        "contents": [],
    }


@pytest.mark.parametrize("path", LISTS)
def test_paging_never_skips_or_repeats_meetings_that_sort_alike(client, path):
    """Same day, time and name: the primary key decides, so pages do not overlap."""
    meetings = create_meetings_in_bulk(5) + create_meetings_in_bulk(
        2, attendance="hybrid", online_url="https://x.org/m"
    )
    Meeting.objects.update(name="Same name")
    total = 9 if path == SERVICES_AT_LOCATIONS else 7  # hybrid meetings are two locations

    seen, page, last = [], 1, False
    while not last:
        data = listed(client, path, page=page, per_page=2)
        seen += [item["id"] for item in data["contents"]]
        page, last = page + 1, data["last_page"]

    assert len(seen) == len(set(seen)) == total
    if path == SERVICES:
        assert seen == [service_id(m) for m in sorted(meetings, key=lambda m: m.pk)]


@pytest.mark.parametrize("per_page", [1, 2, 3])
def test_pages_of_services_at_locations_make_up_the_whole_list(client, per_page):
    """Hybrid meetings are two rows, and may be split between pages."""
    for attendance in ["hybrid", "in-person", "hybrid", "online", "hybrid", "hybrid", "in-person"]:
        online = {} if attendance == "in-person" else {"online_url": "https://x.org/m"}
        create_meetings_in_bulk(1, attendance=attendance, **online)
    whole = [item["id"] for item in listed(client, SERVICES_AT_LOCATIONS)["contents"]]

    pages = [
        listed(client, SERVICES_AT_LOCATIONS, page=page, per_page=per_page)
        for page in range(1, 13 // per_page + 2)
    ]

    assert [item["id"] for page in pages for item in page["contents"]] == whole
    assert len(whole) == pages[0]["total_items"] == 11


def test_service_at_location_list_puts_a_hybrid_meeting_at_its_venue_then_online(client):
    meeting = MeetingFactory(hybrid=True)

    contents = listed(client, SERVICES_AT_LOCATIONS)["contents"]

    assert [(item["id"], item["location"]["location_type"]) for item in contents] == [
        (str(ids.row_id(ids.IN_PERSON, meeting.pk)), "physical"),
        (str(ids.row_id(ids.ONLINE, meeting.pk)), "virtual"),
    ]


def test_lists_are_in_day_and_time_order(client):
    MeetingFactory(name="Tuesday", weekday=Weekday.TUESDAY, start_time="10:00")
    MeetingFactory(name="Monday late", weekday=Weekday.MONDAY, start_time="20:00")
    MeetingFactory(name="Monday early", weekday=Weekday.MONDAY, start_time="07:00")

    assert names(client) == ["Monday early", "Monday late", "Tuesday"]


# Filters


@pytest.fixture
def week():
    return {
        "monday": MeetingFactory(
            name="Monday", weekday=Weekday.MONDAY, start_time="10:00", end_time="11:00"
        ),
        "tuesday": MeetingFactory(
            name="Tuesday online",
            online=True,
            weekday=Weekday.TUESDAY,
            start_time="19:00",
            end_time="20:30",
            focuses=["women"],
        ),
        "friday": MeetingFactory(
            name="Friday hybrid",
            hybrid=True,
            weekday=Weekday.FRIDAY,
            start_time="18:00",
            features=["speaker"],
        ),
    }


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("TU", ["Tuesday online"]),
        ("tuesday", ["Tuesday online"]),
        ("MO,FR", ["Monday", "Friday hybrid"]),
        ("SA", []),
    ],
)
def test_day_filter(client, week, day, expected):
    assert names(client, day=day) == expected


def test_start_and_end_time_filters(client, week):
    assert names(client, start_time="18:00") == ["Tuesday online", "Friday hybrid"]
    assert names(client, end_time="11:00") == ["Monday"]  # a meeting with no end time: no
    assert names(client, start_time="12:00", end_time="21:00:00") == ["Tuesday online"]


@time_machine.travel(datetime.datetime(2026, 11, 23, 12, 0, tzinfo=datetime.UTC))
def test_times_are_in_the_uk_as_the_day_is_for_a_meeting_run_from_abroad(client):
    """14:00 in New York is 19:00 in the UK in November: found as the UK's 19:00."""
    MeetingFactory(
        name="Across the Pond",
        online=True,
        time_zone="America/New_York",
        weekday=Weekday.MONDAY,
        start_time="14:00",
        end_time="15:00",
    )

    assert names(client, day="MO", start_time="19:00", end_time="20:00") == ["Across the Pond"]
    assert names(client, start_time="14:01") == ["Across the Pond"]
    assert names(client, end_time="15:00") == []


def test_a_meeting_that_ends_after_midnight_ends_after_any_time_of_its_day(client, week):
    MeetingFactory(name="Late night", weekday=Weekday.MONDAY, start_time="23:00", end_time="00:30")

    assert names(client, end_time="21:00") == ["Monday", "Tuesday online"]
    assert names(client, start_time="22:00") == ["Late night"]


def test_posting_gets_a_405_in_json_not_a_csrf_page():
    response = Client(enforce_csrf_checks=True).post("/api/oruk/services", {"name": "x"})

    assert (response.status_code, response["Content-Type"]) == (405, "application/json")
    assert response.json()["message"] == "This API is read-only: use GET."
    assert response["Access-Control-Allow-Origin"] == "*"


def test_search_filter(client, week):
    assert names(client, search="hybrid") == ["Friday hybrid"]
    assert names(client, search="  ") == ["Monday", "Tuesday online", "Friday hybrid"]


def test_attendance_terms_include_hybrid_meetings(client, week):
    in_person = term_id(client, "attendance", "in-person")
    online = term_id(client, "attendance", "online")
    hybrid = term_id(client, "attendance", "hybrid")

    assert names(client, taxonomy_term_id=in_person) == ["Monday", "Friday hybrid"]
    assert names(client, taxonomy_term_id=online) == ["Tuesday online", "Friday hybrid"]
    assert names(client, taxonomy_term_id=hybrid) == ["Friday hybrid"]


def test_vocabulary_term_filters(client, week):
    programme = week["monday"].programme

    assert names(client, taxonomy_term_id=term_id(client, "focus", "women")) == ["Tuesday online"]
    assert names(client, taxonomy_term_id=term_id(client, "feature", "speaker")) == [
        "Friday hybrid"
    ]
    assert names(client, taxonomy_term_id=term_id(client, "programme", programme.slug)) == [
        "Monday"
    ]
    assert names(client, taxonomy_term_id=term_id(client, "openness", "closed")) == []


def test_access_term_filter_finds_venues_with_it(client):
    MeetingFactory(name="Step-free", venue=VenueFactory(step_free=True))
    MeetingFactory(name="Stairs", venue=VenueFactory(step_free=False))
    MeetingFactory(name="Online", online=True)

    assert names(client, taxonomy_term_id=term_id(client, "access", "step-free")) == ["Step-free"]
    assert names(client, taxonomy_id=str(ids.name_id("taxonomy", "access"))) == ["Step-free"]


def test_taxonomy_filter_finds_meetings_with_any_of_its_terms(client, week):
    focus = str(ids.name_id("taxonomy", "focus"))
    approach = str(ids.name_id("taxonomy", "approach"))

    assert names(client, taxonomy_id=focus) == ["Tuesday online"]
    assert names(client, taxonomy_id=approach) == ["Monday", "Tuesday online", "Friday hybrid"]


@pytest.fixture
def places():
    MeetingFactory(name="Manchester", venue=VenueFactory(postcode="M1 1AE", town="Manchester"))
    MeetingFactory(name="Salford", venue=VenueFactory(postcode="M5 4WT", town="Salford"))
    MeetingFactory(name="Bristol", venue=VenueFactory(postcode="BS1 4DJ", town="Bristol"))
    MeetingFactory(name="Online", online=True)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"postcode": "M1 1AE"}, ["Manchester", "Salford"]),  # within 10 miles unless told
        ({"postcode": "m11ae", "proximity": "1000"}, ["Manchester"]),
        ({"postcode": "BS1", "proximity": "5000"}, ["Bristol"]),
        ({"postcode": "Truro"}, []),  # a town will do too, as in the finder
    ],
)
def test_postcode_and_proximity_filter(client, places, params, expected):
    assert names(client, **params) == expected


def test_filters_apply_to_services_at_locations(client, week):
    data = listed(client, SERVICES_AT_LOCATIONS, day="FR")

    assert [item["location"]["location_type"] for item in data["contents"]] == [
        "physical",
        "virtual",
    ]


# Bad input: 400 or 404 with a JSON body, never a 500


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize(
    ("params", "errors"),
    [
        ({"page": "0"}, {"page": ["Ensure this value is greater than or equal to 1."]}),
        ({"page": "abc"}, {"page": ["Enter a whole number."]}),
        (
            {"page": "99999999999999999999"},
            {"page": ["Ensure this value is less than or equal to 100000."]},
        ),
        (
            {"per_page": "100000"},
            {"per_page": ["Ensure this value is less than or equal to 100."]},
        ),
        ({"per_page": "0"}, {"per_page": ["Ensure this value is greater than or equal to 1."]}),
        (
            {"day": "funday"},
            {
                "day": [
                    "Unknown day 'FUNDAY': use MO, TU, WE, TH, FR, SA or SU, or the day's name "
                    "in English."
                ]
            },
        ),
        ({"start_time": "25:99"}, {"start_time": ["Enter a valid time."]}),
        ({"end_time": "teatime"}, {"end_time": ["Enter a valid time."]}),
        (
            {"taxonomy_term_id": str(uuid.UUID(int=1))},
            {"taxonomy_term_id": ["There is no taxonomy term with this id."]},
        ),
        ({"taxonomy_term_id": "women"}, {"taxonomy_term_id": ["Enter a valid UUID."]}),
        (
            {"taxonomy_id": str(uuid.UUID(int=2))},
            {"taxonomy_id": ["There is no taxonomy with this id."]},
        ),
        (
            {"postcode": "ZZ99 9ZZ"},
            {"postcode": ["We could not find “ZZ99 9ZZ”. Check the postcode or try a town name."]},
        ),
        (
            {"proximity": "1000"},
            {"proximity": ["Give a postcode too: proximity is metres from it."]},
        ),
        (
            {"postcode": "M1", "proximity": "nan"},
            {"proximity": ["Enter a number."]},
        ),
        (
            {"postcode": "M1", "proximity": "1000000"},
            {"proximity": ["Ensure this value is less than or equal to 80467.2."]},
        ),
        (
            {"search": "x" * 201},
            {"search": ["Ensure this value has at most 200 characters (it has 201)."]},
        ),
        ({"search": "a\x00b"}, {"search": ["Null characters are not allowed."]}),
    ],
)
def test_bad_parameters_get_400_saying_which_and_why(client, path, params, errors):
    response = client.get(path, params)

    assert (response.status_code, response["Content-Type"]) == (400, "application/json")
    assert response.json() == {
        "status": 400,
        "message": "Some query parameters are not valid.",
        "errors": errors,
    }
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("path", ["/api/oruk/taxonomies", "/api/oruk/taxonomy_terms"])
def test_bad_paging_of_the_vocabulary_gets_400(client, path):
    response = client.get(path, {"page": "abc", "per_page": "100000"})

    assert (response.status_code, response.json()["errors"]) == (
        400,
        {
            "page": ["Enter a whole number."],
            "per_page": ["Ensure this value is less than or equal to 100."],
        },
    )


@pytest.mark.parametrize(
    "path",
    [
        "/api/oruk/services/not-a-uuid",
        "/api/oruk/services/5af9661e-6708-8c59-8000-00000000zzzz",
        f"/api/oruk/services/{uuid.UUID(int=3)}",
        "/api/oruk/service_at_locations/%00",
        f"/api/oruk/service_at_locations/{uuid.UUID(int=4)}",
        "/api/oruk/taxonomies/123",
        f"/api/oruk/taxonomy_terms/{uuid.UUID(int=5)}",
    ],
)
def test_unknown_or_malformed_ids_get_a_json_404(client, path):
    response = client.get(path)

    assert (response.status_code, response["Content-Type"]) == (404, "application/json")
    assert response.json() == {"status": 404, "message": "There is nothing with this id here."}
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("path", ["/api/oruk/organizations", "/api/oruk/services/"])
def test_unknown_paths_get_a_json_404(client, path):
    response = client.get(path)

    assert (response.status_code, response.json()) == (
        404,
        {
            "status": 404,
            "message": "There is nothing at this address: see the OpenAPI document for the paths.",
        },
    )


def test_ids_are_found_in_upper_case_too(client):
    meeting = MeetingFactory()
    service = str(ids.row_id(ids.SERVICE, meeting.pk))
    place = str(ids.row_id(ids.IN_PERSON, meeting.pk))
    term = client.get("/api/oruk/taxonomy_terms").json()["contents"][0]["id"]
    taxonomy = client.get("/api/oruk/taxonomies").json()["contents"][0]["id"]

    for path, id in [
        ("services", service),
        ("service_at_locations", place),
        ("taxonomy_terms", term),
        ("taxonomies", taxonomy),
    ]:
        upper = client.get(f"/api/oruk/{path}/{id.upper()}")
        assert (path, upper.status_code, upper.json()["id"]) == (path, 200, id)


def test_a_service_id_of_another_kind_is_not_found(client):
    meeting = MeetingFactory(online=True)

    assert client.get(f"/api/oruk/services/{ids.row_id(ids.ONLINE, meeting.pk)}").status_code == (
        404
    )
    in_person = f"/api/oruk/service_at_locations/{ids.row_id(ids.IN_PERSON, meeting.pk)}"
    assert client.get(in_person).status_code == 404  # an online meeting has no venue


def test_the_api_is_read_only(client):
    response = client.post(SERVICES, {})

    assert (response.status_code, response["Allow"], response.json()) == (
        405,
        "GET, HEAD, OPTIONS",
        {"status": 405, "message": "This API is read-only: use GET."},
    )


HOSTILE_SEARCHES = [
    "\x00",
    "x" * 10_000,
    "🙂🙃 recovery 🙂",
    "'; DROP TABLE meetings_meeting; --",
    "%_\\",
    '"unclosed',
    "-",
    "or or and not",
    "ÿ\u202e\u200b",
    "the",
]


@pytest.mark.parametrize("search", HOSTILE_SEARCHES)
@pytest.mark.parametrize("path", LISTS)
def test_strange_searches_never_give_a_500(client, path, search):
    MeetingFactory(name="Recovery 🙂 group")

    response = client.get(path, {"search": search})

    expected_keys = ERROR_KEYS if response.status_code == 400 else PAGE_KEYS
    assert (response.status_code in (200, 400), set(response.json())) == (True, expected_keys)


@pytest.mark.parametrize(
    ("search", "status", "total"),
    # A search with no words in it (an emoji) narrows nothing, as in the finder.
    [("\x00", 400, None), ("x" * 10_000, 400, None), ("🙂", 200, 1), ("Recovery", 200, 1)],
)
def test_strange_searches_answer_exactly(client, search, status, total):
    MeetingFactory(name="Recovery group")

    response = client.get(SERVICES, {"search": search})

    assert (response.status_code, response.json().get("total_items")) == (status, total)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    query=st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "search",
                    "page",
                    "per_page",
                    "day",
                    "start_time",
                    "end_time",
                    "taxonomy_term_id",
                    "taxonomy_id",
                    "postcode",
                    "proximity",
                ]  # fmt: skip
            ),
            st.one_of(
                st.sampled_from(
                    HOSTILE_SEARCHES + ["1", "-1", "MO", "19:30", "99999999999999", "M1", "1e309"]
                ),
                st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=60),
                st.integers().map(str),
            ),
        ),
        max_size=6,
    ),
    path=st.sampled_from(LISTS),
)
def test_any_query_string_gives_json_not_a_500(client, query, path):
    response = client.get(f"{path}?{urlencode(query)}")

    assert (response.status_code in (200, 400), response["Content-Type"]) == (
        True,
        "application/json",
    )


# Queries: a fixed number per page, whatever its size


@pytest.fixture
def varied_meetings():
    """Meetings that read every relation: programmes, venues, focuses, features."""

    def make(count):
        for n in range(count):
            MeetingFactory(
                programme=ProgrammeFactory(),
                venue=VenueFactory(step_free=True),
                hybrid=n % 2 == 1,
                focuses=["women"],
                features=["speaker"],
                group_name=f"Group {n}" if n % 3 else "",
                contact_public=True,
                contact_email=f"group{n}@example.org",
            )
        return list(Meeting.objects.order_by("pk"))

    return make


@pytest.mark.parametrize("count", [1, 6])
def test_service_list_queries(client, django_assert_num_queries, varied_meetings, count):
    varied_meetings(count)
    listed(client, per_page=100)  # counts every published meeting and stores the count

    # the page of meetings with joins; the data version (and Last-Modified); the stored count
    with django_assert_num_queries(3):
        data = listed(client, per_page=100)

    assert data["size"] == count


@pytest.mark.parametrize("path", LISTS)
def test_an_unfiltered_list_counts_and_stores_the_count_once(
    client, django_assert_num_queries, varied_meetings, path
):
    varied_meetings(3)

    # the page (SQLite pages services at locations in two); the data version; the stored count
    # (none yet); the count; storing it (a savepoint, the cache's size, its row, the insert, and
    # the savepoint's release)
    two_part_page = path == SERVICES_AT_LOCATIONS and connection.vendor != "postgresql"
    with django_assert_num_queries(10 if two_part_page else 9):
        listed(client, path)


@pytest.mark.parametrize("count", [1, 6])
def test_service_list_with_a_term_queries(
    client, django_assert_num_queries, varied_meetings, count
):
    varied_meetings(count)
    women = str(ids.name_id("focus", "women"))

    # programmes, focuses and features to find the term; then as above
    with django_assert_num_queries(6):
        data = listed(client, taxonomy_term_id=women)

    assert data["size"] == count


@pytest.mark.parametrize("count", [1, 6])
def test_service_list_near_a_postcode_queries(
    client, django_assert_num_queries, varied_meetings, count
):
    varied_meetings(count)

    with django_assert_num_queries(4):  # the postcode district; then as above
        data = listed(client, postcode="M1 1AE", proximity="2000")

    assert data["size"] == count


@pytest.mark.parametrize("count", [1, 6])
def test_service_at_location_list_queries(
    client, django_assert_num_queries, varied_meetings, count
):
    varied_meetings(count)
    listed(client, SERVICES_AT_LOCATIONS, per_page=100)  # stores the count

    # the page (PostgreSQL: its meetings numbered with their rows; SQLite: its (meeting, kind)
    # and then its meetings); the data version; the stored count
    with django_assert_num_queries(3 if connection.vendor == "postgresql" else 4):
        data = listed(client, SERVICES_AT_LOCATIONS, per_page=100)

    assert data["size"] == count + count // 2  # hybrid meetings twice


def test_service_detail_queries(client, django_assert_num_queries, varied_meetings):
    meeting = varied_meetings(2)[1]

    # The meeting with joins; its focuses; its features; when anything last changed.
    with django_assert_num_queries(4):
        response = client.get(f"{SERVICES}/{service_id(meeting)}")

    assert len(response.json()["service_at_locations"]) == 2


def test_service_at_location_detail_queries(client, django_assert_num_queries, varied_meetings):
    meeting = varied_meetings(1)[0]

    # The meeting with joins; its focuses; its features; when anything last changed.
    with django_assert_num_queries(4):
        response = client.get(f"{SERVICES_AT_LOCATIONS}/{ids.row_id(ids.IN_PERSON, meeting.pk)}")

    assert response.json()["service"]["id"] == service_id(meeting)


@pytest.mark.parametrize("count", [1, 6])
def test_vocabulary_queries(client, django_assert_num_queries, varied_meetings, count):
    varied_meetings(count)

    with django_assert_num_queries(0):  # taxonomies are fixed
        client.get("/api/oruk/taxonomies")
    with django_assert_num_queries(1):  # the focuses
        client.get(f"/api/oruk/taxonomies/{ids.name_id('taxonomy', 'focus')}")
    with django_assert_num_queries(3):  # programmes, focuses, features
        data = client.get("/api/oruk/taxonomy_terms", {"per_page": 100}).json()
    with django_assert_num_queries(3):
        client.get(f"/api/oruk/taxonomy_terms/{ids.name_id('focus', 'women')}")
    with django_assert_num_queries(0):
        client.get("/api/oruk/")

    assert [t["taxonomy"] for t in data["contents"]].count("Programme") == count


# Caching, conditional GET and CORS


def test_lists_have_caching_headers(client):
    meeting = MeetingFactory()

    response = client.get(SERVICES)

    assert response["Cache-Control"] == "public, max-age=300"
    assert response["ETag"].startswith('"') and len(response["ETag"]) == 34
    assert response["Last-Modified"] == http_date(last_changed(last_changes()).timestamp())
    assert last_changed(last_changes()) >= meeting.updated
    assert response["Access-Control-Allow-Origin"] == "*"


def test_if_none_match_gives_304_until_something_changes(client):
    meeting = MeetingFactory()
    etag = client.get(SERVICES)["ETag"]

    not_modified = client.get(SERVICES, headers={"If-None-Match": etag})
    meeting.name = "Renamed"
    meeting.save()
    changed = client.get(SERVICES, headers={"If-None-Match": etag})

    assert (not_modified.status_code, not_modified.content) == (304, b"")
    assert (not_modified["ETag"], not_modified["Access-Control-Allow-Origin"]) == (etag, "*")
    assert (changed.status_code, changed.json()["contents"][0]["name"]) == (200, "Renamed")


def test_if_modified_since_gives_304_until_a_meeting_changes(client):
    meeting = MeetingFactory()
    path = f"{SERVICES}/{service_id(meeting)}"
    last_modified = client.get(path)["Last-Modified"]

    not_modified = client.get(path, headers={"If-Modified-Since": last_modified})
    Meeting.objects.filter(pk=meeting.pk).update(
        updated=meeting.updated + datetime.timedelta(minutes=1)
    )
    changed = client.get(path, headers={"If-Modified-Since": last_modified})

    assert (not_modified.status_code, changed.status_code) == (304, 200)


def test_editing_a_venue_or_programme_changes_last_modified(client):
    # ETags are of the content, so they follow any change; Last-Modified must follow it too.
    meeting = MeetingFactory(venue__address_line_1="3 Ropewalk Lane")
    paths = [SERVICES, f"{SERVICES}/{service_id(meeting)}", SERVICES_AT_LOCATIONS]
    before = {path: client.get(path)["Last-Modified"] for path in paths}

    def fetched_since_before():
        return [
            client.get(path, headers={"If-Modified-Since": before[path]}).status_code
            for path in paths
        ]

    unchanged = fetched_since_before()
    with time_machine.travel(datetime.timedelta(seconds=2)):  # HTTP dates are in seconds
        meeting.venue.address_line_1 = "5 Ropewalk Lane"
        meeting.venue.save()
        after_venue = fetched_since_before()
    with time_machine.travel(datetime.timedelta(seconds=4)):
        before = {path: client.get(path)["Last-Modified"] for path in paths}
    with time_machine.travel(datetime.timedelta(seconds=6)):
        meeting.programme.name = "Renamed Anonymous"
        meeting.programme.save()
        after_programme = fetched_since_before()

    assert unchanged == [304, 304, 304]
    assert after_venue == after_programme == [200, 200, 200]


def test_ending_a_meeting_changes_the_lists_last_modified(client):
    meeting, other = MeetingFactory(), MeetingFactory()
    last_modified = client.get(SERVICES)["Last-Modified"]

    Meeting.objects.filter(pk=meeting.pk).update(
        status="ended", updated=other.updated + datetime.timedelta(minutes=1)
    )
    response = client.get(SERVICES, headers={"If-Modified-Since": last_modified})

    assert (response.status_code, response.json()["total_items"]) == (200, 1)


@pytest.mark.parametrize("path", LISTS)
def test_stored_counts_follow_every_change_to_the_meetings(client, path):
    meetings = create_meetings_in_bulk(4)
    totals = [listed(client, path)["total_items"]]

    MeetingFactory()
    totals.append(listed(client, path)["total_items"])
    meetings[0].status = "ended"
    meetings[0].save()
    totals.append(listed(client, path)["total_items"])
    meetings[1].delete()
    totals.append(listed(client, path)["total_items"])
    Meeting.objects.filter(pk=meetings[2].pk).update(status="ended", updated=timezone.now())
    totals.append(listed(client, path)["total_items"])  # as an import ends meetings
    create_meetings_in_bulk(2)
    totals.append(listed(client, path)["total_items"])

    assert totals == [4, 5, 4, 3, 2, 4]


def test_filtered_lists_count_every_time(client):
    create_meetings_in_bulk(3)  # on Mondays
    listed(client, day="MO")

    create_meetings_in_bulk(1)

    assert listed(client, day="MO")["total_items"] == 4


def test_vocabulary_has_an_etag_but_no_last_modified(client):
    response = client.get("/api/oruk/taxonomies")

    again = client.get("/api/oruk/taxonomies", headers={"If-None-Match": response["ETag"]})

    assert (response.has_header("ETag"), response.has_header("Last-Modified")) == (True, False)
    assert again.status_code == 304


def test_head_gives_the_headers_without_the_body(client):
    MeetingFactory()
    get = client.get(SERVICES)

    head = client.head(SERVICES)

    assert (head.status_code, head.content, head["ETag"]) == (200, b"", get["ETag"])


def test_cors_preflight(client):
    response = client.options(SERVICES, headers={"Origin": "https://directory.example.gov.uk"})

    assert (response.status_code, response["Access-Control-Allow-Origin"]) == (204, "*")
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert response["Access-Control-Allow-Headers"] == "If-None-Match, If-Modified-Since"


def test_api_sets_no_cookies(client):
    MeetingFactory()

    for path in ["/api/oruk/", SERVICES, SERVICES_AT_LOCATIONS, "/api/oruk/taxonomy_terms"]:
        assert (path, dict(client.get(path).cookies)) == (path, {})


def test_the_guide_page_links_to_the_api(client):
    response = client.get("/data/open-referral-uk/")

    html = response.content.decode()
    assert html.count("<h1") == 1
    assert '<a href="http://testserver/api/oruk/">' in html
    assert '<a href="http://testserver/api/oruk/openapi.json">' in html
