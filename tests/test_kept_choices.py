"""The finder's focus, programme and area choices are kept in each process for a minute."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from config import choices
from meetings.models import Area, Focus
from tests.factories import AreaFactory, MeetingFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

FINDER = reverse("meetings:meeting_list")


def test_a_second_search_reads_no_choices(client, django_assert_num_queries, on_24_november_2026):
    MeetingFactory()  # on Monday
    client.get(FINDER)

    # The counts of the week from today, Tuesday, and of Monday before it; the page of
    # meetings (Monday's); the temporarily closed ones; the focuses of both.
    with django_assert_num_queries(5):
        response = client.get(FINDER)

    assertContains(response, '<option value="" selected>Anywhere</option>', html=True)
    assert len(response.context["filterset"].form.fields["focus"].choices) == Focus.objects.count()


def test_a_choice_saved_in_this_process_shows_at_once(client):
    client.get(FINDER)

    MeetingFactory(programme=ProgrammeFactory(name="Gamblers Anonymous", slug="gamblers-anonymous"))
    AreaFactory(name="Wirral", slug="wirral")
    Focus.objects.create(name="Veterans", slug="veterans", code="VET")

    response = client.get(FINDER)

    assertContains(response, '<label for="id_programme_0">Gamblers Anonymous</label>', html=True)
    assertContains(response, '<option value="wirral">Wirral</option>', html=True)
    assertContains(response, "Veterans</label>")


def test_a_choice_deleted_in_this_process_goes_at_once(client):
    AreaFactory(name="Wirral", slug="wirral")
    client.get(FINDER)

    Area.objects.get(slug="wirral").delete()

    assertNotContains(client.get(FINDER), "Wirral")


def test_other_processes_changes_show_within_a_minute(client, monkeypatch):
    AreaFactory(name="Wirral", slug="wirral")
    client.get(FINDER)
    Area.objects.filter(slug="wirral").update(name="The Wirral")  # as another process: no signal

    assertContains(client.get(FINDER), '<option value="wirral">Wirral</option>', html=True)

    now = choices.time.monotonic()
    monkeypatch.setattr(choices.time, "monotonic", lambda: now + choices.KEPT_SECONDS)

    assertContains(client.get(FINDER), '<option value="wirral">The Wirral</option>', html=True)


def test_a_kept_choice_gone_from_the_database_is_an_error_not_a_search(client):
    AreaFactory(name="Wirral", slug="wirral")
    client.get(FINDER)
    Area.objects.filter(slug="wirral").update(slug="wirral-peninsula")  # no signal

    response = client.get(FINDER, {"area": "wirral"})

    assert response.status_code == 200
    assert response.context["filterset"].errors["area"] == ["“wirral” is not an area listed here."]
    assert len(response.context["page"]) == 0


def tags_shown(response):
    """{meeting slug: [focus names]} of the finder's rows."""
    return {m.slug: [f.name for f in m.focus_list] for m in response.context["page"]}


def test_rows_show_their_focuses_from_the_kept_ones_in_their_order(client):
    Focus.objects.filter(slug="women").update(order=0)
    Focus.objects.filter(slug="lgbtq").update(order=1)
    MeetingFactory(slug="both", focuses=["lgbtq", "women"])
    MeetingFactory(slug="none")

    response = client.get(FINDER)

    assert tags_shown(response) == {"both": ["Women", "LGBTQ+"], "none": []}
    assertContains(response, '<span class="tag">Women</span><span class="tag">LGBTQ+</span>')


def test_a_focus_added_in_another_process_shows_on_its_meetings_at_once(client):
    meeting = MeetingFactory(slug="veterans-group")
    client.get(FINDER)
    (veterans,) = Focus.objects.bulk_create([Focus(name="Veterans", slug="veterans", code="VET")])
    meeting.focuses.add(veterans)  # as another process: Focus sends no signal

    assert tags_shown(client.get(FINDER)) == {"veterans-group": ["Veterans"]}


def test_a_focus_renamed_in_another_process_shows_within_a_minute(client, monkeypatch):
    MeetingFactory(slug="women-group", focuses=["women"])
    client.get(FINDER)
    Focus.objects.filter(slug="women").update(name="Women only")  # no signal

    assert tags_shown(client.get(FINDER)) == {"women-group": ["Women"]}

    now = choices.time.monotonic()
    monkeypatch.setattr(choices.time, "monotonic", lambda: now + choices.KEPT_SECONDS)

    assert tags_shown(client.get(FINDER)) == {"women-group": ["Women only"]}
