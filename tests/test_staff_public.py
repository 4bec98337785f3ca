"""What the public pages say about how old a listing is, and about closed and ended meetings."""

import datetime

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from meetings.models import Status
from tests.factories import MeetingFactory, ProgrammeFactory, VenueFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_24_november_2026")]

OUT_OF_DATE = "These details may be out of date."


def test_a_recently_checked_meeting_says_when(client):
    meeting = MeetingFactory(last_verified=datetime.date(2025, 11, 24))

    response = client.get(meeting.get_absolute_url())

    assertContains(
        response, '<p class="last-checked">Last checked 24 November 2025.</p>', html=True
    )
    assertNotContains(response, OUT_OF_DATE)


def test_a_meeting_checked_over_a_year_ago_may_be_out_of_date(client):
    meeting = MeetingFactory(last_verified=datetime.date(2025, 11, 23))

    response = client.get(meeting.get_absolute_url())

    assertContains(response, "Last checked 23 November 2025.")
    assertContains(response, OUT_OF_DATE)
    assertContains(response, "We last checked them over a year ago.")
    assertContains(response, f'<a href="{meeting.get_absolute_url()}report/">tell us</a>')


def test_the_advice_on_an_old_listing_suits_how_one_takes_part(client):
    checked = datetime.date(2025, 1, 1)
    at_a_venue = MeetingFactory(last_verified=checked, hybrid=True)
    online = MeetingFactory(last_verified=checked, online=True)

    venue_page, online_page = (client.get(m.get_absolute_url()) for m in (at_a_venue, online))

    assertContains(venue_page, "If you can, check with the group or the venue before you travel.")
    assertContains(
        online_page, "If the joining details do not work, the meeting may have moved or stopped."
    )
    assertNotContains(online_page, "travel")


def test_a_meeting_never_checked_says_so_plainly(client):
    meeting = MeetingFactory(last_verified=None)

    response = client.get(meeting.get_absolute_url())

    assertContains(response, "We have not yet checked these details with the group.")
    assertContains(response, OUT_OF_DATE)
    assertNotContains(response, "We last checked them over a year ago.")


def test_a_temporarily_closed_meeting_says_since_when(client):
    meeting = MeetingFactory(
        status=Status.TEMPORARILY_CLOSED, status_since=datetime.date(2026, 10, 1)
    )

    response = client.get(meeting.get_absolute_url())

    assertContains(response, "This meeting is temporarily closed (since 1 October 2026).")
    assertNotContains(response, "Next meeting:")
    assertNotContains(response, "Print this meeting")  # a printout of no meetings
    programme = meeting.programme
    assertContains(
        response,
        f'<a href="/meetings/?programme={programme.slug}&amp;near=M1+1AE#results">'
        f"Find other {programme.short_name} meetings near it</a>",
    )
    online = MeetingFactory(status=Status.TEMPORARILY_CLOSED, online=True, programme=programme)
    assertContains(
        client.get(online.get_absolute_url()),
        f'<a href="/meetings/?programme={programme.slug}&amp;attendance=online#results">'
        f"Find other {programme.short_name} meetings online</a>",
    )


def test_an_ended_meeting_is_gone_and_offers_the_nearest_of_its_programme(client):
    programme = ProgrammeFactory(short_name="NA")
    ended = MeetingFactory(
        name="Old Tuesday Group",
        programme=programme,
        status=Status.ENDED,
        status_since=datetime.date(2026, 9, 1),
        venue=VenueFactory(town="Manchester", postcode="M1 1AE"),
    )
    MeetingFactory(name="Far", programme=programme, venue=VenueFactory(postcode="LS1 1UR"))
    MeetingFactory(name="Near", programme=programme, venue=VenueFactory(postcode="M1 1AE"))
    MeetingFactory(name="Other programme", venue=VenueFactory(postcode="M1 1AE"))
    MeetingFactory(name="Also ended", programme=programme, status=Status.ENDED)

    response = client.get(ended.get_absolute_url())

    assert response.status_code == 410
    assertContains(response, "<h1>This meeting has ended</h1>", html=True, status_code=410)
    assertContains(response, "it ended on 1 September 2026", status_code=410)
    assert [m.name for m in response.context["alternatives"]] == ["Near"]
    assertContains(response, "Other NA meetings nearby", status_code=410)


def test_an_ended_meeting_at_an_unplaced_venue_offers_its_town(client):
    programme = ProgrammeFactory()
    ended = MeetingFactory(
        programme=programme, status=Status.ENDED, venue=VenueFactory(town="Truro", postcode="")
    )
    MeetingFactory(name="Truro too", programme=programme, venue=VenueFactory(town="truro"))
    MeetingFactory(name="Elsewhere", programme=programme, venue=VenueFactory(town="Leeds"))

    response = client.get(ended.get_absolute_url())

    assert response.status_code == 410
    assert [m.name for m in response.context["alternatives"]] == ["Truro too"]


def test_an_ended_online_meeting_offers_online_meetings_of_its_programme(client):
    programme = ProgrammeFactory(short_name="SMART")
    ended = MeetingFactory(programme=programme, status=Status.ENDED, online=True)
    MeetingFactory(name="Online too", programme=programme, online=True)
    MeetingFactory(name="In person", programme=programme)

    response = client.get(ended.get_absolute_url())

    assert [m.name for m in response.context["alternatives"]] == ["Online too"]
    assertContains(response, "Other SMART meetings online", status_code=410)
