import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from meetings.filters import MeetingFilter
from meetings.models import Frequency, Meeting, Openness, Status, Weekday, WeekOfMonth
from programmes.models import Abstinence, Approach
from tests.conftest import DeferredFieldRead
from tests.factories import (
    AreaFactory,
    MeetingFactory,
    ProgrammeFactory,
    VenueFactory,
    create_meetings_in_bulk,
)

pytestmark = pytest.mark.django_db
FINDER = reverse("meetings:meeting_list")


def found(client, **params):
    """The slugs of the meetings the finder shows for these query parameters."""
    response = client.get(FINDER, params, follow=True)  # empty values redirect to a clean URL
    assert response.status_code == 200
    return {meeting.slug for meeting in response.context["page"]}


@pytest.fixture
def by_attendance():
    return {
        "in-person": MeetingFactory(slug="in-person"),
        "online": MeetingFactory(slug="online", online=True),
        "hybrid": MeetingFactory(slug="hybrid", hybrid=True),
    }


def test_online_search_includes_hybrid_meetings(client, by_attendance):
    assert found(client, attendance="online") == {"online", "hybrid"}


def test_in_person_search_includes_hybrid_meetings(client, by_attendance):
    assert found(client, attendance="in-person") == {"in-person", "hybrid"}


def test_hybrid_search_is_hybrid_only(client, by_attendance):
    assert found(client, attendance="hybrid") == {"hybrid"}


def test_repeated_attendance_widens(client, by_attendance):
    assert found(client, attendance=["in-person", "online"]) == {"in-person", "online", "hybrid"}


def test_repeated_day_widens(client):
    MeetingFactory(slug="monday", weekday=Weekday.MONDAY)
    MeetingFactory(slug="tuesday", weekday=Weekday.TUESDAY)
    MeetingFactory(slug="friday", weekday=Weekday.FRIDAY)

    assert found(client, day="monday") == {"monday"}
    assert found(client, day=["monday", "tuesday"]) == {"monday", "tuesday"}


@time_machine.travel(datetime.datetime(2026, 11, 24, 23, 30, tzinfo=datetime.UTC))
def test_today_follows_the_uk_date(client):
    MeetingFactory(slug="tuesday", weekday=Weekday.TUESDAY)
    MeetingFactory(slug="wednesday", weekday=Weekday.WEDNESDAY)

    assert found(client, day="today") == {"tuesday"}  # 23:30 on Tuesday in London


@time_machine.travel(datetime.datetime(2026, 7, 14, 23, 30, tzinfo=datetime.UTC))
def test_today_follows_the_uk_date_in_summer_time(client):
    MeetingFactory(slug="tuesday", weekday=Weekday.TUESDAY)
    MeetingFactory(slug="wednesday", weekday=Weekday.WEDNESDAY)

    assert found(client, day="today") == {"wednesday"}  # 00:30 on Wednesday in BST


def test_several_focuses_narrow(client):
    MeetingFactory(slug="women", focuses=["women"])
    MeetingFactory(slug="lgbtq", focuses=["lgbtq"])
    MeetingFactory(slug="women-lgbtq", focuses=["women", "lgbtq"])
    MeetingFactory(slug="none")

    assert found(client, focus="women") == {"women", "women-lgbtq"}
    assert found(client, focus=["women", "lgbtq"]) == {"women-lgbtq"}


def test_approach_and_programme(client):
    na = ProgrammeFactory(slug="narcotics-anonymous", approach=Approach.TWELVE_STEP)
    aa = ProgrammeFactory(slug="alcoholics-anonymous", approach=Approach.TWELVE_STEP)
    smart = ProgrammeFactory(slug="smart-recovery", approach=Approach.SKILLS_BASED)
    MeetingFactory(slug="na", programme=na)
    MeetingFactory(slug="aa", programme=aa)
    MeetingFactory(slug="smart", programme=smart)

    assert found(client, approach="twelve-step") == {"na", "aa"}
    assert found(client, approach="skills-based") == {"smart"}
    assert found(client, programme=["narcotics-anonymous", "smart-recovery"]) == {"na", "smart"}


def test_only_programmes_with_meetings_to_find_are_offered(client):
    na = ProgrammeFactory(slug="narcotics-anonymous", short_name="NA")
    closed = ProgrammeFactory(slug="closed-for-now", short_name="CFN")
    ProgrammeFactory(slug="none-yet", short_name="NY")
    ended = ProgrammeFactory(slug="all-ended", short_name="AE")
    MeetingFactory(programme=na)
    MeetingFactory(programme=closed, status=Status.TEMPORARILY_CLOSED)
    MeetingFactory(programme=ended, status=Status.ENDED)

    offered = client.get("/meetings/")
    shared_before = client.get("/meetings/?programme=none-yet")

    def programme_boxes(response):
        return re.findall(r'name="programme" value="([^"]+)"', response.content.decode())

    assert programme_boxes(offered) == ["narcotics-anonymous", "closed-for-now"]
    # A link to a programme with none is still a search, which says it found nothing, and
    # keeps its box ticked so that changing another filter does not drop it.
    assert shared_before.context["summary"] == "0 NY meetings, Monday to Sunday"
    assert programme_boxes(shared_before) == ["narcotics-anonymous", "closed-for-now", "none-yet"]
    assertContains(shared_before, 'value="none-yet" id="id_programme_2" checked')


def test_only_approaches_with_meetings_to_find_are_offered(client):
    MeetingFactory(programme=ProgrammeFactory(approach=Approach.TWELVE_STEP))
    ProgrammeFactory(approach=Approach.OTHER)  # no meetings yet

    def approach_boxes(response):
        return re.findall(r'name="approach" value="([^"]+)"', response.content.decode())

    assert approach_boxes(client.get("/meetings/")) == ["twelve-step"]
    assert approach_boxes(client.get("/meetings/?approach=other")) == ["twelve-step", "other"]


def test_with_no_programme_to_offer_the_form_has_no_empty_groups(client):
    ProgrammeFactory(slug="none-yet")

    response = client.get("/meetings/")

    assertContains(response, "<legend>Day</legend>")
    assertNotContains(response, "<legend>Approach</legend>")
    assertNotContains(response, "<legend>Programme</legend>")


def test_open_and_closed(client):
    MeetingFactory(slug="open", openness=Openness.OPEN)
    MeetingFactory(slug="closed", openness=Openness.CLOSED)

    assert found(client, open="open") == {"open"}
    assert found(client, open="closed") == {"closed"}
    assert found(client, open="") == {"open", "closed"}


def test_different_parameters_narrow(client):
    MeetingFactory(slug="monday-online", weekday=Weekday.MONDAY, online=True)
    MeetingFactory(slug="monday-in-person", weekday=Weekday.MONDAY)
    MeetingFactory(slug="tuesday-online", weekday=Weekday.TUESDAY, online=True)

    assert found(client, day="monday", attendance="online") == {"monday-online"}


def test_only_active_meetings_are_listed(client):
    MeetingFactory(slug="active")
    MeetingFactory(slug="closed-for-now", status=Status.TEMPORARILY_CLOSED)
    MeetingFactory(slug="ended", status=Status.ENDED)

    assert found(client) == {"active"}


def test_unknown_parameters_are_ignored(client):
    MeetingFactory(slug="one")

    assert found(client, colour="blue") == {"one"}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"day": "funday"},
            "Day: “funday” is not one of these: today, monday, tuesday, wednesday, thursday, "
            "friday, saturday, sunday.",
        ),
        (
            {"attendance": "teleport"},
            "How you take part: “teleport” is not one of these: in-person, online, hybrid.",
        ),
        ({"focus": "unicorns"}, "Groups for: “unicorns” is not a group listed here."),
        ({"programme": "nope"}, "Programme: “nope” is not a programme listed here."),
        ({"open": "ajar"}, "Open or closed: “ajar” is not one of these: open, closed."),
    ],
)
def test_invalid_values_show_a_form_error_and_no_results(client, params, message):
    MeetingFactory()

    response = client.get(FINDER, params)

    assertContains(response, "There is a problem with your search")
    assertContains(response, message)
    assert len(response.context["page"]) == 0


@time_machine.travel(datetime.datetime(2026, 11, 24, 12, 0, tzinfo=datetime.UTC))
def test_results_are_grouped_by_weekday_from_today_and_sorted_by_start_time(client):
    MeetingFactory(name="Tuesday noon", weekday=Weekday.TUESDAY, start_time=datetime.time(12))
    MeetingFactory(name="Monday evening", weekday=Weekday.MONDAY, start_time=datetime.time(19))
    MeetingFactory(name="Monday morning", weekday=Weekday.MONDAY, start_time=datetime.time(9))

    response = client.get(FINDER)

    assert [m.name for m in response.context["page"]] == [
        "Tuesday noon",  # today
        "Monday morning",
        "Monday evening",
    ]
    html = response.content.decode()
    tuesday, monday = "<h3>Today, Tuesday 24 November</h3>", "<h3>Monday 30 November</h3>"
    assert html.index(tuesday) < html.index("Tuesday noon") < html.index(monday)
    assert html.index(monday) < html.index("Monday morning") < html.index("Monday evening")
    assertContains(response, monday, count=1)
    assertContains(response, "3 meetings, Monday to Sunday")


def test_pagination_keeps_the_filters(client):
    MeetingFactory.create_batch(25, weekday=Weekday.MONDAY)

    first = client.get(FINDER, {"day": "monday", "attendance": "in-person"})
    second = client.get(FINDER, {"day": "monday", "attendance": "in-person", "page": "2"})

    assertContains(first, 'href="?day=monday&amp;attendance=in-person&amp;page=2#results"')
    assertContains(first, "25 in-person meetings, Monday")
    assertContains(first, "Page 1 of 2")
    assert len(second.context["page"]) == 5


@pytest.mark.parametrize("page", ["abc", "999", "-1"])
def test_a_bad_page_number_shows_a_page_of_results(client, page):
    MeetingFactory(slug="one")

    assert found(client, page=page) == {"one"}


def test_time_bands_by_start_time(client):
    for hour, minute in [(11, 59), (12, 0), (16, 59), (17, 0), (20, 59), (21, 0), (0, 30)]:
        MeetingFactory(slug=f"{hour:02}{minute:02}", start_time=datetime.time(hour, minute))

    assert found(client, time="morning") == {"1159", "0030"}
    assert found(client, time="afternoon") == {"1200", "1659"}
    assert found(client, time="evening") == {"1700", "2059"}
    assert found(client, time="night") == {"2100"}
    assert found(client, time=["morning", "night"]) == {"1159", "0030", "2100"}


def test_keyword_searches_names_groups_venues_and_notes(client):
    MeetingFactory(slug="by-name", name="Lifeline Group")
    MeetingFactory(slug="by-group", group_name="Lifeline Recovery Trust")
    MeetingFactory(slug="by-town", venue__town="Lifeline")
    MeetingFactory(slug="by-notes", public_notes="Tea and a lifeline for newcomers.")
    MeetingFactory(slug="other", name="Hope Group")

    assert found(client, q="lifeline") == {"by-name", "by-group", "by-town", "by-notes"}
    assert found(client, q="hope group") == {"other"}
    assert found(client, q="   ") == {"by-name", "by-group", "by-town", "by-notes", "other"}


def test_area_includes_the_areas_inside_it(client):
    england = AreaFactory(name="England", slug="england")
    manchester = AreaFactory(name="Manchester", slug="manchester", parent=england)
    salford = AreaFactory(name="Salford", slug="salford", parent=manchester)
    scotland = AreaFactory(name="Scotland", slug="scotland")
    MeetingFactory(slug="manchester", venue__area=manchester)
    MeetingFactory(slug="salford", venue__area=salford)
    MeetingFactory(slug="glasgow", venue__area=scotland)
    MeetingFactory(slug="online", online=True)

    assert found(client, area="england") == {"manchester", "salford"}
    assert found(client, area="salford") == {"salford"}
    assert found(client, area="scotland") == {"glasgow"}


def test_access_needs_narrow(client):
    MeetingFactory(slug="step-free", venue__step_free=True)
    MeetingFactory(slug="loop", venue__hearing_loop=True)
    MeetingFactory(slug="both", venue__step_free=True, venue__hearing_loop=True)
    MeetingFactory(slug="neither")
    # Moved online from a step-free hall it keeps: there is nowhere to go.
    MeetingFactory(slug="moved-online", online=True, venue=VenueFactory(step_free=True))

    assert found(client, access="step-free") == {"step-free", "both"}
    assert found(client, access=["step-free", "hearing-loop"]) == {"both"}


def test_mat_keeps_programmes_that_welcome_medication(client):
    MeetingFactory(slug="na", programme__abstinence=Abstinence.COMPLETE)
    MeetingFactory(slug="smart", programme__abstinence=Abstinence.MAT_WELCOME)
    MeetingFactory(slug="own-goals", programme__abstinence=Abstinence.OWN_GOALS)

    assert found(client, mat="1") == {"smart", "own-goals"}
    # AA is among them: the filter says what it is for, which its short name does not.
    assertContains(
        client.get(FINDER),
        '<p class="hint" id="id_mat-hint">The programmes this keeps include AA, which is for '
        "people who want to stop drinking.</p>",
        html=True,
    )


# "today" uses the real calendar: fortnightly and monthly meetings only on the days they meet.
# Tuesday 24 November 2026 is the fourth and the last Tuesday of its month.


@time_machine.travel(datetime.datetime(2026, 11, 24, 9, 0, tzinfo=datetime.UTC))
def test_today_lists_fortnightly_and_monthly_meetings_only_when_they_meet(client):
    tuesday = {"weekday": Weekday.TUESDAY}
    MeetingFactory(slug="weekly", **tuesday)
    MeetingFactory(
        slug="fortnight-on",
        frequency=Frequency.FORTNIGHTLY,
        fortnight_anchor=datetime.date(2026, 11, 10),
        **tuesday,
    )
    MeetingFactory(
        slug="fortnight-off",
        frequency=Frequency.FORTNIGHTLY,
        fortnight_anchor=datetime.date(2026, 11, 17),
        **tuesday,
    )
    MeetingFactory(
        slug="last", frequency=Frequency.MONTHLY, week_of_month=WeekOfMonth.LAST, **tuesday
    )
    MeetingFactory(
        slug="fourth", frequency=Frequency.MONTHLY, week_of_month=WeekOfMonth.FOURTH, **tuesday
    )
    MeetingFactory(
        slug="first", frequency=Frequency.MONTHLY, week_of_month=WeekOfMonth.FIRST, **tuesday
    )

    assert found(client, day="today") == {"weekly", "fortnight-on", "last", "fourth"}
    everything = {"weekly", "fortnight-on", "fortnight-off", "last", "fourth", "first"}
    assert found(client, day="tuesday") == everything


@time_machine.travel(datetime.datetime(2026, 10, 25, 0, 30, tzinfo=datetime.UTC))
def test_today_across_the_end_of_bst(client):
    # 01:30 BST on Sunday 25 October, half an hour before the clocks go back.
    MeetingFactory(slug="sunday", weekday=Weekday.SUNDAY)
    MeetingFactory(slug="saturday", weekday=Weekday.SATURDAY)

    assert found(client, day="today") == {"sunday"}


@time_machine.travel(datetime.datetime(2027, 3, 27, 23, 59, tzinfo=datetime.UTC))
def test_today_just_before_midnight_when_bst_starts(client):
    MeetingFactory(slug="sunday", weekday=Weekday.SUNDAY)
    MeetingFactory(slug="saturday", weekday=Weekday.SATURDAY)

    assert found(client, day="today") == {"saturday"}  # 23:59 GMT on Saturday


def test_applied_filters_are_removable_tags(client):
    programme = ProgrammeFactory(
        name="Narcotics Anonymous", short_name="NA", slug="narcotics-anonymous"
    )
    MeetingFactory(programme=programme)

    response = client.get(FINDER, {"day": ["monday", "friday"], "programme": "narcotics-anonymous"})

    assert response.context["applied_filters"] == [
        ("Monday", "day=friday&programme=narcotics-anonymous"),
        ("Friday", "day=monday&programme=narcotics-anonymous"),
        ("Narcotics Anonymous", "day=monday&day=friday"),
    ]
    assertContains(response, "1 NA meeting, Monday or Friday")
    assertContains(response, '<a href="/meetings/">Clear all</a>', html=True)


def test_meetings_chosen_for_a_printout_are_one_removable_tag(client):
    for slug in ("hope", "unity", "serenity"):
        MeetingFactory(slug=slug, name=slug.title())

    several = client.get(FINDER, {"meeting": ["hope", "unity", "serenity"], "day": "monday"})
    one = client.get(FINDER, {"meeting": "hope", "day": "monday"})

    assert several.context["applied_filters"] == [
        ("Monday", "meeting=hope&meeting=unity&meeting=serenity"),
        ("The 3 meetings chosen", "day=monday"),
    ]
    assert one.context["applied_filters"] == [("Monday", "meeting=hope"), ("Hope", "day=monday")]


def test_a_heading_names_each_group_as_it_is_said(client):
    MeetingFactory(focuses=["women", "bsl"])

    signed = client.get(FINDER, {"focus": "bsl"})
    both = client.get(FINDER, {"focus": ["women", "bsl"]})

    assert signed.context["summary"] == "1 meeting in British Sign Language, Monday to Sunday"
    assert both.context["summary"] == (
        "1 meeting for women and in British Sign Language, Monday to Sunday"
    )


def test_a_nul_character_gets_a_message_not_an_error(client):
    response = client.get(FINDER, {"q": "na\x00"})

    assertContains(response, "The search contains a character that cannot be used.")
    assert len(response.context["page"]) == 0


@pytest.mark.parametrize("n_meetings", [1, 1000])
def test_finder_query_count_does_not_grow(client, django_assert_num_queries, n_meetings):
    create_meetings_in_bulk(n_meetings, focus="women")
    create_meetings_in_bulk(n_meetings, focus="women", status=Status.TEMPORARILY_CLOSED)

    # Checking the focus given; the programme, focus and area choices for the form, and which
    # programmes have meetings; the count; one page of meetings with their programme and
    # venue; the temporarily closed meetings that match; the focuses of both lists at once.
    with django_assert_num_queries(9):
        response = client.get(FINDER, {"day": "monday", "focus": "women"})
    # The choices are kept a minute (tests/test_kept_choices.py).
    with django_assert_num_queries(5):
        client.get(FINDER, {"day": "monday", "focus": "women"})

    assert len(response.context["page"]) == min(n_meetings, 20)
    assert len(response.context["closed_meetings"]) == min(n_meetings, 10)
    assert {focus.slug for m in response.context["closed_meetings"] for focus in m.focus_list} == {
        "women"
    }


def test_finder_reads_only_the_columns_its_lists_show(client):
    MeetingFactory(staff_notes="Key holder is away", focuses=["women"])
    MeetingFactory(status=Status.TEMPORARILY_CLOSED, public_notes="Back in spring")

    with CaptureQueriesContext(connection) as queries:
        response = client.get(FINDER, {"near": "M1 1AE"})

    assert len(response.context["page"]) == 1
    assert len(response.context["closed_meetings"]) == 1
    # The lists of meetings (the form's choices are kept apart, a minute at a time).
    sql = " ".join(query["sql"] for query in queries if 'FROM "meetings_meeting"' in query["sql"])
    assert '"meetings_meeting"."name"' in sql
    for column in ["staff_notes", "public_notes", "search_text", "contact_email"]:
        assert f'"meetings_meeting"."{column}"' not in sql
    assert '"programmes_programme"."description"' not in sql
    assert '"meetings_venue"."access_notes"' not in sql


def test_a_column_left_out_and_read_fails_the_tests():
    """tests/conftest.py's guard, which the test above relies on: without it, a column that
    MeetingQuerySet.for_listing() leaves out costs a query for each row it is read from."""
    MeetingFactory(slug="guarded")
    meeting = Meeting.objects.for_listing().get()

    assert meeting.slug == "guarded"
    with pytest.raises(DeferredFieldRead, match="Meeting.staff_notes not loaded"):
        meeting.staff_notes  # noqa: B018


def test_keyword_search_follows_a_renamed_venue_and_programme(client):
    meeting = MeetingFactory(slug="renamed", venue__name="Old Hall", programme__name="Old Name")
    MeetingFactory(slug="other")

    meeting.venue.name = "Lighthouse Centre"
    meeting.venue.save()
    meeting.programme.name = "Phoenix Fellowship"
    meeting.programme.save()

    assert found(client, q="lighthouse") == {"renamed"}
    assert found(client, q="phoenix") == {"renamed"}
    assert found(client, q="old") == set()

    meeting.programme.short_name = "PF"  # its short name alone
    meeting.programme.save()

    assert found(client, q="pf") == {"renamed"}


def test_saving_a_programme_without_renaming_it_leaves_its_meetings_alone(
    django_assert_num_queries,
):
    meeting = MeetingFactory()
    programme = meeting.programme
    programme.summary = "New words"

    with django_assert_num_queries(3):  # was it renamed?; the update; its history record
        programme.save()


def test_mat_leaves_out_abstinence_only_and_family_groups(client):
    MeetingFactory(slug="smart", programme__abstinence=Abstinence.MAT_WELCOME)
    MeetingFactory(slug="peer", programme__abstinence=Abstinence.OWN_GOALS)
    MeetingFactory(slug="na", programme__abstinence=Abstinence.COMPLETE)
    MeetingFactory(slug="family", programme__abstinence=Abstinence.NOT_APPLICABLE)

    assert found(client, mat="1") == {"smart", "peer"}


def test_compare_page_does_not_call_a_family_group_mat_friendly(client):
    ProgrammeFactory(name="Friends", short_name="F", abstinence=Abstinence.NOT_APPLICABLE)
    ProgrammeFactory(name="Smart", short_name="S", abstinence=Abstinence.MAT_WELCOME)
    ProgrammeFactory(name="Twelve", short_name="T", abstinence=Abstinence.COMPLETE)

    response = client.get(reverse("programmes:programme_compare"))

    def cell(name, text):
        return f'<td><span class="cell-name" aria-hidden="true">{name}</span>{text}</td>'

    assertContains(
        response,
        '<tr><th scope="row">On prescribed medication, such as methadone</th>'
        + cell("Friends", "Not applicable: a group for families and friends")
        + cell("Smart", "Welcome")
        + cell("Twelve", "Welcome, though many members count it as using")
        + "</tr>",
        html=True,
    )


def test_temporarily_closed_meetings_are_shown_as_such_not_dropped(client):
    MeetingFactory(slug="open", weekday=Weekday.MONDAY)
    MeetingFactory(
        slug="closed",
        name="Paused Group",
        weekday=Weekday.MONDAY,
        status=Status.TEMPORARILY_CLOSED,
        status_since=datetime.date(2026, 11, 1),
    )
    MeetingFactory(slug="closed-tuesday", weekday=Weekday.TUESDAY, status=Status.TEMPORARILY_CLOSED)
    MeetingFactory(slug="ended", weekday=Weekday.MONDAY, status=Status.ENDED)

    response = client.get(FINDER, {"day": "monday"})

    assert [m.slug for m in response.context["page"]] == ["open"]
    assert [m.slug for m in response.context["closed_meetings"]] == ["closed"]
    assertContains(response, '<h2 id="temporarily-closed">Temporarily closed</h2>', html=True)
    assertContains(response, "<strong>Temporarily closed since 1 November 2026</strong>", html=True)


def test_temporarily_closed_meetings_are_listed_on_the_first_page_only(client):
    create_meetings_in_bulk(21)
    MeetingFactory(slug="closed", weekday=Weekday.MONDAY, status=Status.TEMPORARILY_CLOSED)

    first, second = client.get(FINDER), client.get(FINDER, {"page": 2})

    assert [m.slug for m in first.context["closed_meetings"]] == ["closed"]
    assert len(second.context["page"]) == 1
    assert second.context["closed_meetings"] == []
    assertNotContains(second, "Temporarily closed")


def test_each_search_has_filters_of_its_own_that_look_up_its_methods():
    monday = MeetingFactory(slug="monday", weekday=Weekday.MONDAY)
    tuesday = MeetingFactory(slug="tuesday", weekday=Weekday.TUESDAY)
    searches = [MeetingFilter(QueryDict(f"day={day}")) for day in ("monday", "tuesday")]
    first, second = (search.filters["day"] for search in searches)
    assert first is not second
    assert (first.parent, second.parent) == tuple(searches)
    assert (first.filter.f, second.filter.f) == (first, second)  # django-filter's FilterMethod
    assert not hasattr(MeetingFilter.base_filters["day"], "parent")
    assert [list(search.qs) for search in searches] == [[monday], [tuesday]]
    assert searches[0].form.fields is not searches[1].form.fields


def test_the_filters_control_counts_filters_not_the_order(client):
    response = client.get(FINDER, {"near": "M1", "sort": "time", "day": ["monday", "friday"]})

    assertContains(response, "<summary>Filters (2 applied)</summary>", html=True)


def test_the_heading_says_approach_and_programme_in_a_sentence(client):
    smart = ProgrammeFactory(slug="smart-recovery", approach=Approach.SKILLS_BASED)
    aa = ProgrammeFactory(slug="alcoholics-anonymous", short_name="AA")
    MeetingFactory(programme=smart)
    MeetingFactory(programme=aa)

    def heading(**query):
        return client.get(FINDER, query).context["summary"]

    assert heading(approach="skills-based") == "1 skills-based meeting, Monday to Sunday"
    assert heading(approach="other") == "0 other peer support meetings, Monday to Sunday"
    # Both asked, which no meeting is: the heading says both, not "0 AA meetings".
    assert heading(approach="skills-based", programme="alcoholics-anonymous") == (
        "0 skills-based AA meetings, Monday to Sunday"
    )


def test_an_empty_list_offers_to_drop_what_may_have_emptied_it(client):
    AreaFactory(name="Leeds", slug="leeds")
    MeetingFactory(programme=ProgrammeFactory(slug="aa", approach=Approach.TWELVE_STEP))

    response = client.get(
        FINDER, {"area": "leeds", "q": "st annes", "approach": "skills-based", "programme": "aa"}
    )

    assert len(response.context["page"]) == 0
    for offer in [
        '<a href="?q=st+annes&amp;approach=skills-based&amp;programme=aa#results">'
        "look outside Leeds</a>",
        '<a href="?area=leeds&amp;approach=skills-based&amp;programme=aa#results">'
        "look without the keyword “st annes”</a>",
        '<a href="?area=leeds&amp;q=st+annes&amp;programme=aa#results">'
        "look at this programme whatever its approach</a>",
    ]:
        assertContains(response, offer, html=True)


def test_a_link_to_a_programme_with_no_groups_finds_none_rather_than_an_error(client):
    ProgrammeFactory(slug="rational-recovery", short_name="RR", holds_meetings=False)
    peer = ProgrammeFactory(slug="local-peer-support", short_name="Peer support")
    MeetingFactory(focuses=["women"])

    rational = client.get(FINDER, {"programme": "rational-recovery"})
    peer_for_women = client.get(FINDER, {"programme": peer.slug, "focus": "women"})

    assert rational.context["summary"] == "0 RR meetings, Monday to Sunday"
    assert not rational.context["filterset"].errors
    # Mid-sentence in lower case; and a way out of an empty list for women only.
    assert (
        peer_for_women.context["summary"] == "0 peer support meetings for women, Monday to Sunday"
    )
    assertContains(
        peer_for_women,
        '<a href="?programme=local-peer-support#results">look at meetings for anyone</a>',
        html=True,
    )


def test_each_row_is_two_stops_for_the_keyboard_its_tick_and_its_name(client):
    programme = MeetingFactory(slug="hope", name="Hope").programme

    html = client.get(FINDER).content.decode()

    row = re.search(r'<li class="meeting" id="meeting-hope">.*?</li>', html, re.S)[0]
    assert re.findall(r"<(a|input|button|select)\b", row) == ["input", "a"]
    assert f'<abbr title="{programme.name}">{programme.short_name}</abbr>' in row


def test_text_too_long_for_a_box_is_said_so_not_cut_short_by_the_browser(client):
    pasted = "https://us02web.zoom.us/j/81234567890?pwd=" + "a" * 130

    form = client.get(FINDER).content.decode()
    response = client.get(FINDER, {"near": pasted, "q": pasted})

    assert "maxlength" not in "".join(re.findall(r"<input[^>]*>", form))
    assertContains(
        response,
        "That is longer than any postcode or town (172 characters): check what was typed or "
        "pasted.",
    )
    assertContains(
        response,
        "Keywords are shorter than this (172 characters): check what was typed or pasted.",
    )
