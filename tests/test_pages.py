import datetime
import json
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import DatabaseError, OperationalError
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from meetings import display
from meetings.models import Attendance, Status
from programmes.models import Abstinence, Approach, NoteKind
from tests.factories import MeetingFactory, ProgrammeFactory, ProgrammeNoteFactory

pytestmark = pytest.mark.django_db


def test_meeting_detail_shows_when_where_and_how_to_join(client):
    meeting = MeetingFactory(
        name="Lifeline Group",
        hybrid=True,
        online_meeting_id="812 555 0192",
        start_time=datetime.time(19, 30),
        end_time=datetime.time(21, 0),
        venue__name="St Anne's Hall",
        venue__postcode="M1 1AE",
        venue__step_free=True,
        focuses=["women"],
        features=["speaker"],
    )

    response = client.get(meeting.get_absolute_url())

    assertContains(response, "<h1>Lifeline Group</h1>", html=True)
    # Names repeat: the title tells this group's page from others of the same name.
    short_name = meeting.programme.short_name
    title = f"Lifeline Group, {short_name}: Monday 19:30, Manchester – Recovery meetings UK"
    assertContains(response, f"<title>{title}</title>", html=True)
    assertContains(response, "Every Monday, 19:30 to 21:00.")
    assertContains(response, "St Anne&#39;s Hall<br>1 High Street<br>Manchester<br>M1 1AE")
    assertContains(response, "<li>Step-free access: yes</li>", html=True)
    assertContains(response, '<a href="https://meet.example.org/hybrid">')
    assertContains(response, "<dt>Meeting ID</dt><dd>812 555 0192</dd>", html=True)
    assertContains(response, "<dt>Groups for</dt><dd>Women</dd>", html=True)
    assertContains(response, "<dt>Format</dt><dd>Speaker</dd>", html=True)
    assertContains(
        response,
        "https://www.openstreetmap.org/?mlat=53.48346&amp;mlon=-2.23118#map=17/53.48346/-2.23118",
    )


def test_meeting_detail_for_a_meeting_run_from_abroad_shows_uk_time(client):
    meeting = MeetingFactory(name="Night", online=True, time_zone="America/New_York")

    response = client.get(meeting.get_absolute_url())

    assertContains(response, "Every Monday, 19:30, New York time.")
    assertContains(response, "UK time.")
    assert meeting.in_a_title == f"Night, {meeting.programme.short_name}: Tuesday 00:30, online"
    monthly = MeetingFactory(name="Speakers", frequency="monthly", week_of_month=-1, weekday=6)
    assert monthly.in_a_title == (  # not as if it were every Sunday
        f"Speakers, {monthly.programme.short_name}: Last Sunday of the month 19:30, Manchester"
    )


def test_a_monthly_meeting_run_from_abroad_gives_its_own_day_and_time_in_its_title():
    meeting = MeetingFactory(
        name="First", online=True, time_zone="America/New_York", weekday=0, start_time="20:00"
    )
    meeting.frequency, meeting.week_of_month = "monthly", 1
    meeting.save()

    assert meeting.in_a_title == (  # 01:00 on Tuesday in the UK: not "First Monday … 01:00"
        f"First, {meeting.programme.short_name}: First Monday of the month 20:00 New York time, "
        "online"
    )


@pytest.mark.parametrize(
    ("moment", "on_now"),
    [
        ("2026-11-30 00:15", "2026-11-29T23:00:00+00:00"),
        ("2026-11-29 23:00", "2026-11-29T23:00:00+00:00"),
        ("2026-11-29 22:59", None),  # Sunday, before it
        ("2026-11-30 00:30", None),  # over
    ],
)
def test_a_meeting_on_now_says_so_even_once_midnight_has_passed(client, moment, on_now):
    meeting = MeetingFactory(weekday=6, start_time="23:00", end_time="00:30")
    when = datetime.datetime.fromisoformat(moment).replace(tzinfo=datetime.UTC)  # GMT

    with time_machine.travel(when, tick=False):
        response = client.get(meeting.get_absolute_url())

    assertContains(response, "Next meeting:")
    if on_now:
        started = f'<time datetime="{on_now}">23:00</time>'
        assertContains(
            response, f"<p><strong>On now:</strong> it started at {started} and ends at 00:30.</p>"
        )
    else:
        assertNotContains(response, "On now")


@pytest.mark.parametrize(
    ("moment", "max_age"),
    [
        ("2026-11-29 22:58:20", 100),  # until it starts
        ("2026-11-30 00:29:00", 60),  # until it ends
        ("2026-11-30 12:00:00", 300),  # nothing new for hours
    ],
)
def test_a_meeting_page_is_kept_no_longer_than_its_next_start_or_end(client, moment, max_age):
    meeting = MeetingFactory(weekday=6, start_time="23:00", end_time="00:30")
    when = datetime.datetime.fromisoformat(moment).replace(tzinfo=datetime.UTC)  # GMT

    with time_machine.travel(when, tick=False):
        response = client.get(meeting.get_absolute_url())

    assert response["Cache-Control"] == f"public, max-age={max_age}"


def test_temporarily_closed_meeting_says_so(client):
    meeting = MeetingFactory(status=Status.TEMPORARILY_CLOSED)

    response = client.get(meeting.get_absolute_url())

    assertContains(response, "This meeting is temporarily closed.")
    assertNotContains(response, "Next meeting:")
    assertNotContains(response, "calendar.ics")  # a calendar would hold it every week
    assertContains(client.get(MeetingFactory().get_absolute_url()), "calendar.ics?title=plain")


def test_a_temporarily_closed_online_meeting_does_not_link_to_its_empty_room(client):
    url = "https://zoom.example/j/123"
    closed = MeetingFactory(
        status=Status.TEMPORARILY_CLOSED, attendance=Attendance.ONLINE, venue=None, online_url=url
    )
    active = MeetingFactory(attendance=Attendance.ONLINE, venue=None, online_url=url)

    response = client.get(closed.get_absolute_url())
    assertContains(response, f"<dd>{url}</dd>", html=True)
    assertContains(response, "These are the details from before it closed.")
    assertNotContains(response, f'href="{url}"')

    response = client.get(active.get_absolute_url())
    assertContains(response, f'<dd><a href="{url}">{url}</a></dd>', html=True)
    assertNotContains(response, "before it closed")


def test_a_meetings_old_addresses_lead_to_it_after_staff_change_its_slug(client):
    meeting = MeetingFactory(slug="first")
    for slug in ("second", "third"):
        meeting.slug = slug
        meeting.save()
    MeetingFactory(slug="second")  # taken by another meeting since
    deleted = MeetingFactory(slug="deleted")
    deleted.slug = "deleted-later"
    deleted.save()
    deleted.delete()

    statuses = {
        slug: (response.status_code, response.headers.get("Location"))
        for slug in ("first", "second", "third", "deleted")
        for response in [client.get(f"/meetings/{slug}/")]
    }

    assert statuses == {
        "first": (301, "/meetings/third/"),
        "second": (200, None),
        "third": (200, None),
        "deleted": (404, None),
    }


def test_meetings_ticked_before_staff_changed_their_slugs_are_still_chosen(client):
    """A printout's link, or a calendar subscribed to, keeps the slugs it was made with."""
    meeting = MeetingFactory(slug="first")
    meeting.slug = "second"
    meeting.save()
    MeetingFactory(slug="other")
    query = {"meeting": ["first", "OTHER"]}

    printed = client.get(reverse("meetings:meeting_print"), query)
    calendar = client.get(reverse("meetings:meeting_list_calendar"), query)
    feed = client.get(reverse("meetings:meeting_feed"), query)
    unknown = client.get(reverse("meetings:meeting_feed"), {"meeting": "never-was"})

    assert sorted(m.slug for m in printed.context["in_person"]) == ["other", "second"]
    assert calendar.status_code == 200
    assert b"".join(calendar.streaming_content).count(b"BEGIN:VEVENT") == 2
    assert sorted(item["slug"] for item in json.loads(b"".join(feed.streaming_content))) == [
        "other",
        "second",
    ]
    assert unknown.status_code == 400


def test_unknown_meeting_is_a_404_page(client):
    response = client.get(reverse("meetings:meeting_detail", args=["no-such-meeting"]))

    assertContains(response, "<h1>Page not found</h1>", status_code=404)


STAFF_ONLY = {
    "staff_notes": "STAFF-NOTE-secretary-is-on-leave",
    "contact_name": "STAFF-CONTACT-Jo Bloggs",
    "contact_email": "staff-contact@example.org",
    "contact_phone": "07700 900999",
}


def test_staff_only_notes_and_contacts_never_reach_public_pages(client):
    meeting = MeetingFactory(**STAFF_ONLY)
    pages = [
        reverse("home"),
        reverse("meetings:meeting_list"),
        meeting.get_absolute_url(),
        reverse("meetings:meeting_report", args=[meeting.slug]),
        reverse("meetings:meeting_print"),
        reverse("programmes:programme_list"),
        meeting.programme.get_absolute_url(),
    ]

    for url in pages:
        response = client.get(url)
        for secret in STAFF_ONLY.values():
            assertNotContains(response, secret)


def test_contacts_the_group_made_public_are_shown(client):
    meeting = MeetingFactory(contact_public=True, **STAFF_ONLY)

    response = client.get(meeting.get_absolute_url())

    assertContains(response, "STAFF-CONTACT-Jo Bloggs")
    assertNotContains(response, "STAFF-NOTE-secretary-is-on-leave")


def test_programme_detail_lists_pros_cons_and_suitability(client):
    programme = ProgrammeFactory(name="Narcotics Anonymous", short_name="NA")
    ProgrammeNoteFactory(programme=programme, kind=NoteKind.PRO, text="Free to attend")
    ProgrammeNoteFactory(programme=programme, kind=NoteKind.CON, text="Spiritual language")
    ProgrammeNoteFactory(programme=programme, kind=NoteKind.SUITABILITY, text="You want a sponsor")
    MeetingFactory.create_batch(2, programme=programme)
    MeetingFactory(programme=programme, status=Status.ENDED)

    response = client.get(programme.get_absolute_url())

    assertContains(
        response, "<h2>What people value</h2><ul><li>Free to attend</li></ul>", html=True
    )
    assertContains(
        response,
        "<h2>What some people find hard</h2><ul><li>Spiritual language</li></ul>",
        html=True,
    )
    assertContains(
        response, "<h2>It may suit you if…</h2><ul><li>You want a sponsor</li></ul>", html=True
    )
    assertContains(response, "See all 2 NA meetings")


def test_programme_list_groups_by_approach_and_counts_active_meetings(client):
    na = ProgrammeFactory(name="Narcotics Anonymous", slug="narcotics-anonymous")
    ProgrammeFactory(name="SMART Recovery", approach=Approach.SKILLS_BASED)
    MeetingFactory.create_batch(3, programme=na)
    MeetingFactory(programme=na, status=Status.TEMPORARILY_CLOSED)

    response = client.get(reverse("programmes:programme_list"))

    assert [(p.name, p.meeting_count) for p in response.context["programmes"]] == [
        ("Narcotics Anonymous", 3),  # 12-step before skills-based
        ("SMART Recovery", 0),
    ]
    assertContains(
        response, '<a href="/meetings/?programme=narcotics-anonymous">3 meetings listed</a>'
    )
    assertContains(response, "<p>No meetings listed here yet.</p>", html=True)


def test_a_family_programme_is_not_said_to_be_run_by_people_in_recovery(client):
    families = ProgrammeFactory(abstinence="not-applicable")
    for_themselves = ProgrammeFactory()

    assertContains(client.get(families.get_absolute_url()), "led by trained volunteers")
    assertNotContains(client.get(families.get_absolute_url()), "run by people in recovery")
    assertContains(client.get(for_themselves.get_absolute_url()), "run by people in recovery")


def test_a_programme_with_no_meetings_yet_offers_no_empty_list(client):
    empty = ProgrammeFactory(short_name="LERO", holds_meetings=True)
    MeetingFactory.create_batch(2)

    detail = client.get(empty.get_absolute_url())
    compare = client.get(reverse("programmes:programme_compare"))

    assertContains(
        detail,
        "No LERO meetings are listed here yet: ask your local drug and alcohol service what is "
        "near you.",
    )
    assertNotContains(detail, "?programme=")
    cells = re.findall(r"Meetings listed here</th>(.*?)</tr>", compare.content.decode())[0]
    cell = r'<td><span class="cell-name" aria-hidden="true">[^<]*</span>(.*?)</td>'
    assert sorted(re.findall(cell, cells)) == ["None yet", "Yes, 1", "Yes, 1"]


@pytest.mark.parametrize("n_meetings", [1, 50])
def test_meeting_detail_query_count_does_not_grow(client, django_assert_num_queries, n_meetings):
    meetings = MeetingFactory.create_batch(n_meetings, focuses=["women", "lgbtq"])

    with django_assert_num_queries(3):  # meeting with programme and venue; focuses; features
        response = client.get(meetings[-1].get_absolute_url())

    assert response.context["meeting"] == meetings[-1]


@pytest.mark.parametrize("n_meetings", [1, 50])
def test_programme_pages_query_count_does_not_grow(client, django_assert_num_queries, n_meetings):
    programme = ProgrammeFactory()
    ProgrammeNoteFactory.create_batch(3, programme=programme)
    MeetingFactory.create_batch(n_meetings, programme=programme)

    with django_assert_num_queries(1):  # programmes with their meeting counts
        listing = client.get(reverse("programmes:programme_list"))
    with django_assert_num_queries(4):  # programme with its meeting count; pros; cons; suitability
        detail = client.get(programme.get_absolute_url())

    assert [p.meeting_count for p in listing.context["programmes"]] == [n_meetings]
    assert detail.context["programme"].meeting_count == n_meetings


def test_healthz_says_ok_when_the_database_answers(client):
    response = client.get(reverse("healthz"))

    assert (response.status_code, response.content, response["Content-Type"]) == (
        200,
        b"ok",
        "text/plain",
    )


def test_healthz_says_so_when_the_database_is_down(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr("meetings.views.connection.cursor", broken_cursor)

    response = client.get(reverse("healthz"))

    assert (response.status_code, response.content) == (503, b"database unavailable")


@pytest.mark.parametrize("near", ["%00", "M1+1AE%00", "Leeds,%00"])
def test_a_meeting_opened_from_a_search_with_a_nul_character_is_shown(client, near):
    meeting = MeetingFactory(name="Lifeline Group")

    response = client.get(f"{meeting.get_absolute_url()}?near={near}")

    assertContains(response, "<h1>Lifeline Group</h1>", html=True)
    assert response.context["location"] is None  # no distance from a place that is not one


def test_a_meeting_opened_from_a_search_links_back_to_it(client):
    meeting = MeetingFactory(name="Lifeline Group", slug="lifeline-group", online=True)
    search = "attendance=online&day=monday&day=tuesday&page=2"

    listed = client.get("/meetings/?attendance=online")
    opened = client.get(f"/meetings/lifeline-group/?{search}")

    assertContains(
        listed, '<a href="/meetings/lifeline-group/?attendance=online">Lifeline Group</a>'
    )
    assertContains(listed, '<li class="meeting" id="meeting-lifeline-group">')
    assertContains(
        opened,
        '<p class="breadcrumb"><a href="/meetings/?attendance=online&amp;day=monday&amp;'
        'day=tuesday&amp;page=2#meeting-lifeline-group">Back to your search</a></p>',
        html=True,
    )
    # One address for search engines, whichever search it was opened from.
    assertContains(opened, '<link rel="canonical" href="/meetings/lifeline-group/">')
    assert meeting.get_absolute_url() == "/meetings/lifeline-group/"


def test_a_meeting_opened_without_a_search_links_to_the_finder(client):
    MeetingFactory(slug="lifeline-group")

    for query in ("", "?reported=1", "?utm_source=leaflet&near=+"):
        response = client.get(f"/meetings/lifeline-group/{query}")

        assertContains(
            response,
            '<p class="breadcrumb"><a href="/meetings/">Find a meeting</a></p>',
            html=True,
        )


def test_the_way_back_keeps_only_the_finders_parameters_and_escapes_them(client):
    MeetingFactory(slug="lifeline-group", status=Status.ENDED)
    strange = '"><script>alert(1)</script>'

    response = client.get(
        "/meetings/lifeline-group/", {"q": strange, "reported": "1", "near": "M1", "x": "y"}
    )

    assert response.status_code == 410  # an ended meeting's page goes back too
    assertContains(
        response,
        '<a href="/meetings/?q=%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E&amp;near=M1'
        '#meeting-lifeline-group">Back to your search</a>',
        status_code=410,
    )
    assertNotContains(response, "<script>alert", status_code=410)


def test_a_search_too_long_to_share_is_not_carried_back(client):
    MeetingFactory(slug="lifeline-group")

    response = client.get("/meetings/lifeline-group/", {"q": "x" * 2_100})

    assertContains(response, '<a href="/meetings/">Find a meeting</a>')


def test_a_meeting_opened_from_a_search_near_a_place_says_how_far_it_is(client):
    MeetingFactory(slug="lifeline-group", venue__postcode="M1 1AE")
    online = MeetingFactory(slug="online-group", online=True)

    listed = client.get("/meetings/", {"near": "M1"})
    opened = client.get("/meetings/lifeline-group/", {"near": "M1"})
    unknown_place = client.get("/meetings/lifeline-group/", {"near": "XX9"})

    [row] = listed.context["page"]
    words = display.distance(row, listed.context["filterset"].location)
    assert words.startswith("about ")  # a district's centre: as the list said it
    assertContains(opened, f"<p>{words.capitalize()} from M1.</p>", html=True)
    assertNotContains(client.get(online.get_absolute_url(), {"near": "M1"}), " from M1.")
    assertNotContains(unknown_place, " from XX9")


URGENT_HELP = "Samaritans, free at any time:"


@pytest.mark.parametrize(
    "url", ["/", "/meetings/", "/programmes/", "/programmes/guide/", "/meetings/print/"]
)
def test_where_to_get_urgent_help_is_on_every_page_and_printout(client, url):
    MeetingFactory()

    response = client.get(url)

    assertContains(response, URGENT_HELP)
    assertContains(response, '<a href="tel:116123">116 123</a>', html=True)
    assertContains(response, "Drugs: FRANK")


@pytest.mark.parametrize("url", ["/", "/meetings/", "/programmes/guide/", "/about/"])
def test_every_page_links_to_urgent_help_from_the_top(client, url):
    """At 320 px the footer is thousands of pixels down: the header links to it."""
    html = client.get(url).content.decode()

    link = '<li><a href="#urgent-help">Need help now?</a></li>'
    assert html.index(link) < html.index('<main id="main"')
    assert html.count('id="urgent-help"') == 1


def test_the_page_for_when_the_list_is_down_says_where_to_get_urgent_help(client, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("could not connect")

    monkeypatch.setattr("meetings.views.MeetingFilter", unreachable)

    response = client.get("/meetings/")

    assert response.status_code == 503
    assertContains(response, URGENT_HELP, status_code=503)


STOPPING_SAFELY = "stopping suddenly can be dangerous"


def test_stopping_safely_is_on_the_home_page_and_programmes_for_people_themselves(client):
    ProgrammeFactory(slug="own", abstinence=Abstinence.COMPLETE)
    ProgrammeFactory(slug="family", abstinence=Abstinence.NOT_APPLICABLE)

    assertContains(client.get("/"), STOPPING_SAFELY)
    assertContains(client.get("/programmes/own/"), STOPPING_SAFELY)
    assertNotContains(client.get("/programmes/family/"), STOPPING_SAFELY)


def test_notes_in_another_language_say_which_for_screen_readers(client):
    welsh = MeetingFactory(public_notes="Cyfarfod yn Gymraeg.", notes_language="cy")
    english = MeetingFactory(public_notes="Tea from 7pm.")

    assertContains(
        client.get(welsh.get_absolute_url()), '<p lang="cy">Cyfarfod yn Gymraeg.</p>', html=True
    )
    assertContains(client.get(english.get_absolute_url()), "<p>Tea from 7pm.</p>", html=True)


def test_a_notes_language_in_capitals_is_kept_in_lower_case():
    meeting = MeetingFactory(notes_language="CY")

    meeting.full_clean()

    assert meeting.notes_language == "cy"


@pytest.mark.parametrize("code", ["Welsh", "c", "cy_GB", 'cy" onmouseover="x'])
def test_a_notes_language_that_is_not_a_code_is_refused(code):
    meeting = MeetingFactory.build(programme=ProgrammeFactory(), notes_language=code)

    with pytest.raises(ValidationError) as error:
        meeting.full_clean(exclude=["venue", "programme"])

    assert error.value.message_dict["notes_language"] == [
        "Enter a language code such as cy (Welsh), gd (Scottish Gaelic) or pl (Polish)."
    ]
