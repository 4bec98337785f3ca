import datetime
import functools
import re

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from meetings.models import Attendance, Meeting, Weekday
from meetings.views import PRINT_LIMIT
from tests.factories import AreaFactory, MeetingFactory, create_meetings_in_bulk

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
        '<span class="line">Online: https://meet.example.org/abc, meeting ID 812 555 0192</span>'
        '<span class="line">By phone: <a href="tel:03300885830">0330 088 5830</a></span>',
    )
    assertContains(response, "Also online: https://meet.example.org/hybrid")


def test_legend_explains_only_the_codes_used(client, week):
    response = client.get(PRINT)

    assert [tag.code for tag in response.context["focuses"]] == ["W"]
    assert [tag.code for tag in response.context["features"]] == ["SP"]
    assertContains(response, "<dt>W</dt><dd>For women only</dd>", html=True)
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


@time_machine.travel(datetime.datetime(2026, 11, 23, 12, tzinfo=datetime.UTC))  # a Monday
def test_todays_list_prints_as_the_days_name_so_that_its_link_works_tomorrow(client, week):
    response = client.get(PRINT, {"day": "today"})

    assert (response.status_code, response["Location"]) == (302, f"{PRINT}?day=monday")
    response = client.get(response["Location"])
    assert response.context["title"] == "Meetings, Monday"
    assert response.context["live_url"] == "http://testserver/meetings/?day=monday"
    selection = {"day": ["today", "monday"], "meeting": ["mon-online", "mon-salford-19"]}
    assert client.get(PRINT, selection)["Location"] == (
        f"{PRINT}?day=monday&meeting=mon-online&meeting=mon-salford-19"
    )
    # The finder's form sends its empty fields too: one redirect for both, not two.
    from_the_form = client.get(f"{PRINT}?q=&day=today&radius=10", follow=True)
    assert from_the_form.redirect_chain == [(f"{PRINT}?day=monday", 302)]


def test_title_says_which_meetings_venues_and_area_it_is_of(client, week):
    area = AreaFactory(name="Greater Manchester", slug="greater-manchester")
    MeetingFactory(slug="closed-step-free", openness="closed", venue__area=area,
                   venue__step_free=True, venue__hearing_loop=True)  # fmt: skip
    query = {"open": "closed", "attendance": "in-person", "access": ["step-free", "hearing-loop"],
             "area": "greater-manchester"}  # fmt: skip

    printed, listed = client.get(PRINT, query), client.get(reverse("meetings:meeting_list"), query)

    assert printed.context["title"] == (
        "Closed in-person meetings at venues with step-free access and a hearing loop, "
        "Monday to Sunday, in Greater Manchester"
    )
    assert listed.context["summary"] == (  # the results heading, in the same words
        "1 closed in-person meeting at a venue with step-free access and a hearing loop, "
        "Monday to Sunday, in Greater Manchester"
    )
    assert [m.slug for m in printed.context["in_person"]] == ["closed-step-free"]


def test_the_printout_offers_the_compact_layout_and_back(client, week):
    full = client.get(PRINT, {"day": "monday"})
    compact = client.get(PRINT, {"day": "monday", "layout": "compact"})

    assertContains(full, '<a href="?day=monday&amp;layout=compact">Compact layout</a>', html=True)
    assertContains(compact, '<a href="?day=monday">Full layout</a>', html=True)
    assertContains(compact, '<body class="compact">')


def test_print_page_has_no_navigation_or_forms(client, week):
    response = client.get(PRINT)

    assertNotContains(response, "<nav")
    assertNotContains(response, "<form")
    assertNotContains(response, "<footer")
    assertContains(response, '<svg viewBox="0 0 ')  # the QR code, inline, to scale


def test_near_a_place_online_meetings_still_print_in_their_own_section(client, week):
    response = client.get(PRINT, {"near": "M1"})

    assert [m.slug for m in response.context["online"]] == ["mon-online", "wed-online"]
    assert response.context["count"] == 6  # four at venues in M1, two online


def test_near_a_place_with_none_nearby_the_printout_says_so(client, week):
    response = client.get(PRINT, {"near": "Cardiff"})

    assert (list(response.context["in_person"]), response.context["count"]) == ([], 2)
    assertContains(
        response,
        "<p>No meetings within 10 miles of Cardiff match this search. The online meetings "
        "below can be joined from anywhere.</p>",
        html=True,
    )
    assertNotContains(client.get(PRINT, {"near": "M1"}), "No meetings within")


def test_hand_picked_meetings_print_alone(client, week):
    response = client.get(PRINT, {"meeting": ["tue-leeds-12", "wed-online"]})

    assert [m.slug for m in response.context["in_person"]] == ["tue-leeds-12"]
    assert [m.slug for m in response.context["online"]] == ["wed-online"]
    assert response.context["title"] == "Selected meetings"


def test_one_meeting_prints_under_its_name(client, week):
    meeting = Meeting.objects.get(slug="tue-leeds-12")
    on_its_page = client.get(meeting.get_absolute_url())

    response = client.get(PRINT, {"meeting": meeting.slug})

    assertContains(on_its_page, f'<a href="{PRINT}?meeting={meeting.slug}">Print this meeting</a>')
    assert response.context["title"] == meeting.name
    assertContains(response, f"<h1>{meeting.name}</h1>")
    # It goes back to the meeting's page, not to a list of one; no layout for more to a page.
    page = f"http://testserver{meeting.get_absolute_url()}"
    assert response.context["live_url"] == page
    assertContains(
        response, f'<p class="live-url">Live page: <a href="{page}">{page}</a></p>', html=True
    )
    assertContains(response, f'<a href="{page}">Back to the meeting</a>')
    assertContains(response, "<figcaption>Scan for the live page</figcaption>", html=True)
    assertNotContains(response, "Compact layout")
    one_in_the_list = client.get(reverse("meetings:meeting_list"), {"meeting": meeting.slug})
    assertContains(one_in_the_list, "Print this list</a> (1 meeting, on A4)")
    ticked_in_a_list = client.get(PRINT, {"meeting": meeting.slug, "selection": "1"})
    assert (
        ticked_in_a_list.context["live_url"]
        == f"http://testserver/meetings/?meeting={meeting.slug}"
    )
    printed_from_it = client.get(PRINT, {"meeting": meeting.slug, "day": "tuesday"})
    assert printed_from_it.context["live_url"] == (
        f"http://testserver/meetings/?meeting={meeting.slug}&day=tuesday"
    )


def test_finder_links_to_print_with_its_filters_and_offers_a_selection(client, week):
    response = client.get(reverse("meetings:meeting_list"), {"day": "monday"})

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


@pytest.mark.parametrize("n_meetings", [1, PRINT_LIMIT // 2])
def test_print_query_count_does_not_grow(client, django_assert_num_queries, n_meetings):
    create_meetings_in_bulk(n_meetings, focus="women")
    create_meetings_in_bulk(
        n_meetings, focus="women", attendance=Attendance.ONLINE, online_url="https://x.example"
    )

    # Counts of meetings with a venue and online; the meetings with a venue; online meetings;
    # which focuses both lists have, at once; their features likewise; and, once a minute,
    # the focuses themselves (tests/test_kept_choices.py). The legend needs no query.
    with django_assert_num_queries(7):
        client.get(PRINT)
    with django_assert_num_queries(6):
        response = client.get(PRINT)

    assert len(response.context["in_person"]) == len(response.context["online"]) == n_meetings
    assert response.context["online"][0].focus_list[0].slug == "women"


@pytest.mark.parametrize("n_meetings", [1, PRINT_LIMIT // 2])
def test_printing_ticked_meetings_reads_them_once(client, django_assert_num_queries, n_meetings):
    """The meetings ticked are one query, however many (a slug staff have since changed is
    looked for in the history only when one is not found)."""
    meetings = create_meetings_in_bulk(n_meetings)
    query = {"selection": "1", "meeting": [meeting.slug for meeting in meetings]}
    client.get(PRINT, query)

    with django_assert_num_queries(7):  # as above, and the meetings ticked
        response = client.get(PRINT, query)

    assert len(response.context["in_person"]) == n_meetings


def test_print_selected_with_nothing_ticked_says_so(client, week):
    response = client.get(PRINT, {"day": "monday", "selection": "1"})

    assertContains(response, "You did not tick any meetings to print.")
    assert response.context["count"] == 0
    assert "in_person" not in response.context
    assert response.context["live_url"] == "http://testserver/meetings/?day=monday"


def test_a_selection_keeps_the_search_it_came_from(client, week):
    response = client.get(PRINT, {"near": "M1", "meeting": ["mon-salford-19", "wed-online"],
                                  "selection": "1"})  # fmt: skip

    assert response.context["title"] == "Selected meetings, within 10 miles of M1"
    assert [m.slug for m in response.context["in_person"]] == ["mon-salford-19"]
    assert [m.slug for m in response.context["online"]] == ["wed-online"]
    assertContains(response, ", 1 High Street, Salford, M1 1AE · about 1 mile")


def test_finder_offers_every_meeting_for_selection_with_the_search_kept(client, week):
    response = client.get(reverse("meetings:meeting_list"), {"near": "M1", "day": "monday"})

    assert response.context["print_count"] == 4  # three in person and one online
    assertContains(response, "(all 4, with the 1 online, on A4)")
    assertContains(response, '<input type="hidden" name="near" value="M1">', html=True)
    assertContains(response, '<input type="hidden" name="selection" value="1">', html=True)
    assertContains(response, 'id="select-mon-online"')  # online meetings too
    assertContains(response, 'To print<span class="visually-hidden">: ')  # a visible label
    print_response = client.get(PRINT, {"near": "M1", "day": "monday"})
    assert print_response.context["count"] == 4


def test_each_row_says_open_or_closed_access_and_full_address(client, week):
    MeetingFactory(
        slug="closed",
        name="Step Free Group",
        openness="closed",
        venue__step_free=True,
        venue__hearing_loop=True,
        venue__postcode="LS6 2QJ",
        venue__town="Leeds",
    )

    response = client.get(PRINT, {"meeting": "closed"})

    text = response.content.decode()
    assert "<strong>Step Free Group</strong> (P" in text
    assert ')<span class="line">Closed</span></td>' in text
    assert ", 1 High Street, Leeds, LS6 2QJ</span>" in text
    assert '<span class="line">Step-free access · Hearing loop</span>' in text


def test_legend_explains_the_programme_abbreviations_used(client, week):
    response = client.get(PRINT, {"day": "monday"})

    assert [p.short_name for p in response.context["programmes"]] == sorted(
        m.programme.short_name for m in week if m.weekday == Weekday.MONDAY
    )
    assertContains(response, f"<dt>NA</dt><dd>{week[0].programme.name}</dd>", html=True)


def test_phone_only_meeting_reads_well(client):
    MeetingFactory(
        slug="phone",
        online=True,
        online_url="",
        phone_dial_in="020 7946 0321",
        online_meeting_id="812 555",
    )

    response = client.get(PRINT)

    assertContains(
        response, 'By phone: <a href="tel:02079460321">020 7946 0321</a>, meeting ID 812 555'
    )
    assertNotContains(response, "Online:")


def test_a_live_url_too_long_for_a_qr_code_still_gives_a_page(client, week):
    response = client.get(PRINT, {"q": "x" * 100, "near": "y" * 100, "area": "z" * 5000})

    assert response.status_code == 200
    assert response.context["qr_code"] == ""
    assert page_margins(response)["bottom-left"] == '"Live list: see the address on page 1"'


def page_margins(response):
    """The @page margin boxes' contents, their CSS escapes undone."""
    boxes = re.findall(r"@([a-z-]+) \{ content: (.*?); \}", response.content.decode())
    unescape = functools.partial(re.sub, r"\\([0-9a-f]{6})", lambda m: chr(int(m[1], 16)))
    return {box: unescape(content) for box, content in boxes}


def test_every_printed_page_repeats_title_date_and_live_list(client, week):
    with time_machine.travel(datetime.datetime(2026, 11, 24, 12, tzinfo=datetime.UTC)):
        response = client.get(PRINT, {"day": "monday"})

    assert page_margins(response) == {
        "top-left": '"Meetings, Monday"',
        "top-right": '"Printed 24 November 2026"',
        "bottom-left": '"Live list: testserver/meetings/?day=monday"',
        "bottom-right": '"Page " counter(page) " of " counter(pages)',
    }


def test_nothing_in_a_title_can_break_out_of_the_page_style(client, week):
    response = client.get(PRINT, {"q": '"; } </style><script>alert(1)</script>'})

    assertNotContains(response, "<script>")
    assertContains(response, r"\00003c\00002fstyle\00003e")


def test_the_key_says_what_open_and_closed_mean_and_the_sheet_says_where_to_get_help(client, week):
    response = client.get(PRINT)

    assert response.context["kinds"] == [("Open", "anyone may come")]
    assertContains(response, "<dt>Open</dt><dd>Anyone may come</dd>", html=True)
    html = response.content.decode()
    header = html[html.index('<header class="print-header">') : html.index("</header>")]
    assert "Samaritans, free at any time" in header  # on page 1, whatever is printed
    assertContains(response, "stopping suddenly can be dangerous")


def test_a_meeting_not_held_in_english_alone_says_so_in_the_list_and_the_printout(client):
    """Lest someone go to a meeting held in Welsh without knowing, or miss one they want."""
    MeetingFactory(slug="cymraeg", name="Un Dydd ar y Tro", languages="Welsh")
    MeetingFactory(slug="bilingual", name="Bilingual", languages="English and Polish")
    MeetingFactory(slug="english", name="Plain English", languages="English")

    listed = client.get(reverse("meetings:meeting_list"))
    printed = client.get(PRINT)

    assertContains(listed, '<span class="tag">In Welsh</span>', count=1, html=True)
    assertContains(listed, '<span class="tag">In English and Polish</span>', count=1, html=True)
    assertContains(printed, '<span class="line">In Welsh</span>', count=1, html=True)
    assertContains(printed, '<span class="line">In English and Polish</span>', count=1, html=True)
    assertNotContains(listed, "In English<")
    assertNotContains(printed, "In English<")
