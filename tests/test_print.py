import datetime

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from meetings.models import Weekday
from meetings.views import PRINT_LIMIT
from tests.factories import MeetingFactory, create_meetings_in_bulk

pytestmark = pytest.mark.django_db
PRINT = reverse("meetings:meeting_print")


def meeting_at(slug, weekday, hour, **fields):
    return MeetingFactory(slug=slug, weekday=weekday, start_time=datetime.time(hour), **fields)


@pytest.fixture
def week():
    """Meetings in three towns on two days, and two online."""
    return [
        meeting_at("mon-salford-19", Weekday.MONDAY, 19, venue__town="Salford",
                   focuses=["women"], programme__short_name="NA"),
        meeting_at("mon-manchester-20", Weekday.MONDAY, 20, venue__town="Manchester",
                   features=["speaker"]),
        meeting_at("mon-manchester-10", Weekday.MONDAY, 10, venue__town="Manchester"),
        meeting_at("tue-leeds-12", Weekday.TUESDAY, 12, venue__town="Leeds", hybrid=True),
        meeting_at("wed-online", Weekday.WEDNESDAY, 18, online=True,
                   online_meeting_id="812 555 0192", phone_dial_in="0330 088 5830"),
        meeting_at("mon-online", Weekday.MONDAY, 18, online=True),
    ]  # fmt: skip


def test_meetings_are_grouped_by_day_then_town_in_start_time_order(client, week):
    response = client.get(PRINT)

    assert [
        (m.get_weekday_display(), m.venue.town, m.slug) for m in response.context["in_person"]
    ] == [
        ("Monday", "Manchester", "mon-manchester-10"),
        ("Monday", "Manchester", "mon-manchester-20"),
        ("Monday", "Salford", "mon-salford-19"),
        ("Tuesday", "Leeds", "tue-leeds-12"),
    ]
    assert [m.slug for m in response.context["online"]] == ["mon-online", "wed-online"]
    assertContains(
        response,
        '<tr class="town"><th colspan="4" scope="rowgroup">Manchester</th></tr>',
        html=True,
    )
    assertContains(response, "Monday (continued)")


def test_online_meetings_have_their_joining_details(client, week):
    response = client.get(PRINT)

    assertContains(
        response,
        "https://meet.example.org/abc, meeting ID 812 555 0192, by phone 0330 088 5830",
    )
    assertContains(response, "Also online: https://meet.example.org/hybrid")


def test_legend_explains_only_the_codes_used(client, week):
    response = client.get(PRINT)

    assert [tag.code for tag in response.context["focuses"]] == ["W"]
    assert [tag.code for tag in response.context["features"]] == ["SP"]
    assertContains(response, "<dt>W</dt><dd>Women: For women only</dd>", html=True)
    assertContains(
        response, "<dt>SP</dt><dd>Speaker: One member shares their story</dd>", html=True
    )
    assertNotContains(response, "<dt>LGBT</dt>")


@time_machine.travel(datetime.datetime(2026, 11, 24, 12, tzinfo=datetime.UTC))
def test_title_states_the_filters_in_words_with_the_date_and_live_link(client, week):
    response = client.get(
        PRINT,
        {"programme": week[0].programme.slug, "focus": "women", "time": "evening", "near": "M1 1AE",
         "radius": "5", "day": "monday", "layout": "compact"},
    )  # fmt: skip

    assert response.context["title"] == (
        "NA meetings for women, Monday, evening, within 5 miles of M1 1AE"
    )
    assertContains(
        response,
        "<h1>NA meetings for women, Monday, evening, within 5 miles of M1 1AE</h1>",
        html=True,
    )
    assertContains(response, "Printed 24 November 2026. 1 meeting, in UK time.")
    live = (
        f"http://testserver/meetings/?programme={week[0].programme.slug}&focus=women"
        "&time=evening&near=M1+1AE&radius=5&day=monday"
    )
    assert response.context["live_url"] == live
    assertContains(response, '<body class="compact">')


def test_print_page_has_no_navigation_or_forms(client, week):
    response = client.get(PRINT)

    assertNotContains(response, "<nav")
    assertNotContains(response, "<form")
    assertNotContains(response, "<footer")
    assertContains(response, '<svg width="')  # the QR code, inline


def test_near_a_place_online_meetings_still_print_in_their_own_section(client, week):
    response = client.get(PRINT, {"near": "M1"})

    assert [m.slug for m in response.context["online"]] == ["mon-online", "wed-online"]
    assert response.context["count"] == 6  # four at venues in M1, two online


def test_hand_picked_meetings_print_alone(client, week):
    response = client.get(PRINT, {"meeting": ["tue-leeds-12", "wed-online"]})

    assert [m.slug for m in response.context["in_person"]] == ["tue-leeds-12"]
    assert [m.slug for m in response.context["online"]] == ["wed-online"]
    assert response.context["title"] == "Selected meetings"


def test_finder_links_to_print_with_its_filters_and_offers_a_selection(client, week):
    response = client.get(reverse("meetings:meeting_list"), {"day": "monday", "page": "1"})

    assertContains(response, '<a href="/meetings/print/?day=monday">Print this list</a>', html=True)
    assertContains(
        response,
        '<form method="get" action="/meetings/print/" aria-label="Choose meetings to print">',
    )
    assertContains(
        response,
        '<input type="checkbox" name="meeting" value="mon-salford-19" id="select-mon-salford-19">',
        html=True,
    )


def test_a_long_list_asks_the_worker_to_narrow_it(client):
    create_meetings_in_bulk(PRINT_LIMIT + 1)

    response = client.get(PRINT)

    assertContains(response, f"This list has {PRINT_LIMIT + 1} meetings, too many to print well")
    assert "in_person" not in response.context


def test_bad_filters_are_shown_on_the_print_page(client, week):
    response = client.get(PRINT, {"day": "funday"})

    assertContains(response, "There is a problem with your search")
    assert response.context["count"] == 0


@pytest.mark.parametrize("n_meetings", [1, PRINT_LIMIT])
def test_print_query_count_does_not_grow(client, django_assert_num_queries, n_meetings):
    create_meetings_in_bulk(n_meetings, focus="women")

    # Counts of meetings with a venue and online; the first with their focuses and features;
    # online meetings (none here, so nothing to prefetch); the legend's focuses and features.
    with django_assert_num_queries(8):
        response = client.get(PRINT)

    assert len(response.context["in_person"]) == n_meetings
