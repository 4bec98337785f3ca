"""Any query string gives the finder or print page, with form errors where needed: never a 500."""

import re
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytest_django.asserts import assertContains

from tests.factories import AreaFactory, MeetingFactory

FINDER = reverse("meetings:meeting_list")
PRINT = reverse("meetings:meeting_print")
PARAMETERS = [
    "q", "near", "radius", "approach", "programme", "attendance", "day", "time", "area",
    "focus", "access", "open", "mat", "sort", "page", "meeting", "layout", "selection",
]  # fmt: skip
VALID_VALUES = [
    "M1 1AE", "m11ae", "M1", "Truro", "Newport", "Newport, Essex", "1", "5", "25", "today",
    "monday", "evening", "online", "in-person", "hybrid", "twelve-step", "women", "lgbtq",
    "step-free", "open", "closed", "distance", "time", "england", "programme-0", "compact",
    "meeting-0", "M1 1", "SW1A 1", "W1", "EC1", "LS", "Leeds", "Derry", "stoke on trent",
]  # fmt: skip
HOSTILE_VALUES = [
    "", " ", "'; DROP TABLE meetings_meeting; --", "%", "_", "\\", "\x00", "a\x00b", "0", "-1",
    "1e309", "NaN", "99999999999999999999", "<script>alert(1)</script>", "../../etc/passwd",
    "M1 1AE" * 50, "ÿ", "🙂", "Newport,", ",", ",Essex", "st.", "  ,  ",
    # Long values: a pasted document, a URL that cannot fit a QR code.
    "x" * 10_000, "M1 " * 3_000, "Leeds, " * 2_000, "monday" * 1_000, "🙂" * 5_000,
]  # fmt: skip
values = st.one_of(
    st.sampled_from(VALID_VALUES + HOSTILE_VALUES),
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=60),
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), min_size=200, max_size=3_000),
    st.integers().map(str),
)
queries = st.lists(st.tuples(st.sampled_from(PARAMETERS), values), max_size=10)


@pytest.fixture
def some_meetings():
    MeetingFactory(slug="meeting-0", venue__area=AreaFactory(slug="england"), focuses=["women"])
    MeetingFactory(online=True)


@pytest.mark.django_db
@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=queries, path=st.sampled_from([FINDER, PRINT]))
def test_any_query_string_gives_a_page(client, some_meetings, query, path):
    response = client.get(f"{path}?{urlencode(query)}", follow=True)

    assert response.status_code == 200
    assert len(response.redirect_chain) <= 1  # at most once, to the clean URL
    if not response.context["filterset"].is_valid():
        problem = "There is a problem with your search"
        question = "Which one do you mean?"  # only a choice between places of one name
        assert problem in response.content.decode() or question in response.content.decode()
    elif path == FINDER:
        assert re.match(r"(More than )?[\d,]+ (.+ )?meetings?\b", response.context["summary"])
    else:
        assert response.context["count"] in (0, 1, 2)


@pytest.mark.parametrize(
    "path", ["/meetings/", "/meetings/print/", "/meetings/export.csv", "/meetings/feed.json"]
)
def test_an_address_with_too_many_parameters_gets_a_400_in_words(client, path):
    response = client.get(f"{path}?" + "&".join(["x"] * 1_100))

    assert response.status_code == 400
    assertContains(response, "<h1>We could not read that address</h1>", status_code=400)


def test_the_api_says_so_in_json(client):
    response = client.get("/api/oruk/services?" + "&".join(["x"] * 1_100))

    assert response.status_code == 400
    assert response.json() == {
        "status": 400,
        "message": "The request cannot be read: it has too many parameters, or one we cannot use.",
    }
