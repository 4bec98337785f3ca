"""Shared links, QR codes and browser history carry only what a search means."""

import pytest
from django.urls import reverse

from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db
FINDER = reverse("meetings:meeting_list")
PRINT = reverse("meetings:meeting_print")


@pytest.mark.parametrize(
    ("query", "canonical"),
    [
        # What the finder's own form submits when only a day is ticked.
        ("near=&radius=10&q=&day=monday&open=&area=", "?day=monday"),
        ("near=M1&radius=10&sort=distance", "?near=M1"),  # the default radius and order
        ("near=&radius=10&sort=time", ""),
        ("day=monday&page=1", "?day=monday"),
        ("q=+++&day=friday&day=", "?day=friday"),
        # Choices in lower case, as the form offers them; what visitors type as it is.
        (
            "day=Monday&attendance=ONLINE&q=Hope&near=Leeds",
            "?day=monday&attendance=online&q=Hope&near=Leeds",
        ),
    ],
)
@pytest.mark.parametrize("path", [FINDER, PRINT])
def test_empty_and_default_values_redirect_to_the_canonical_url(client, path, query, canonical):
    response = client.get(f"{path}?{query}")

    assert (response.status_code, response["Location"]) == (302, path + canonical)


@pytest.mark.parametrize(
    "query",
    ["", "day=monday", "near=M1&radius=5", "near=M1&sort=time", "sort=distance", "q=Hope"],
)
def test_canonical_urls_are_served_as_they_are(client, query):
    MeetingFactory()

    assert client.get(f"{FINDER}?{query}").status_code == 200


def test_print_link_and_qr_code_carry_the_canonical_url(client):
    MeetingFactory()

    response = client.get(f"{PRINT}?day=monday&near=&q=", follow=True)

    assert response.context["live_url"] == "http://testserver/meetings/?day=monday"


def test_an_address_too_long_to_share_is_answered_with_its_errors_not_redirected(client):
    response = client.get(FINDER, {"q": "", "near": "x" * 3_000})

    assert response.status_code == 200
    assert "Postcode or town: That is longer than any postcode or town (3000 characters)" in (
        response.content.decode()
    )


@pytest.mark.parametrize(
    "path", ["/meetings/feed.json", "/meetings/export.csv", "/meetings/calendar.ics"]
)
def test_exports_read_empty_values_as_none_and_choices_in_any_case(client, path):
    MeetingFactory(weekday=0)  # a Monday

    assert client.get(path, {"day": "", "attendance": ""}).status_code == 200
    assert client.get(path, {"day": "Monday"}).status_code == 200
    assert client.get(path, {"day": "Mondays"}).status_code == 400
