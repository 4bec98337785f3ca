import datetime

import pytest
from django.contrib import admin
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from meetings.models import Focus, Meeting
from tests.factories import AreaFactory, MeetingFactory, ProgrammeNoteFactory, VenueFactory
from tests.staff_forms import admin_form_data

pytestmark = pytest.mark.django_db


def test_every_admin_list_add_and_change_page_opens(staff_client):
    meeting = MeetingFactory(focuses=["women"], venue__area=AreaFactory())
    ProgrammeNoteFactory(programme=meeting.programme)
    objects = {
        Meeting: meeting,
        meeting.venue.__class__: meeting.venue,
        meeting.programme.__class__: meeting.programme,
    }

    for model in admin.site._registry:
        opts = model._meta
        urls = [
            reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
            reverse(f"admin:{opts.app_label}_{opts.model_name}_add"),
        ]
        if model in objects:
            pk = objects[model].pk
            urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk]))
        for url in urls:
            assert (url, staff_client.get(url).status_code) == (url, 200)


def test_admin_search_finds_a_meeting_by_town(staff_client):
    MeetingFactory(name="Salford Hope", venue__town="Salford")
    MeetingFactory(name="Leeds Light", venue__town="Leeds")

    response = staff_client.get(reverse("admin:meetings_meeting_changelist"), {"q": "salford"})

    assert [m.name for m in response.context["cl"].result_list] == ["Salford Hope"]


def test_admin_explains_a_broken_rule_next_to_the_field(staff_client):
    meeting = MeetingFactory(online=True)
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    form = staff_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in ("focuses", "features")
    }
    data.update(programme=meeting.programme.pk, online_url="", start_time="19:30")

    response = staff_client.post(url, data)

    assertContains(response, "Online and hybrid meetings need a joining link or dial-in number.")
    meeting.refresh_from_db()
    assert meeting.online_url == "https://meet.example.org/abc"


def test_admin_flags_uk_venues_that_near_searches_cannot_find(staff_client):
    placed = VenueFactory(name="Placed")
    lost = VenueFactory(name="Lost", postcode="ZZ9 9ZZ")
    url = reverse("admin:meetings_venue_changelist")

    response = staff_client.get(url, {"location": "missing"})

    assert [v.name for v in response.context["cl"].result_list] == ["Lost"]
    assertContains(response, "⚠ Not placed: “near” searches cannot find it. Check the postcode.")
    change = staff_client.get(reverse("admin:meetings_venue_change", args=[lost.pk]))
    assertContains(change, "⚠ Not placed")
    change = staff_client.get(reverse("admin:meetings_venue_change", args=[placed.pk]))
    assertContains(change, "Full postcode")


def fieldset_titles(response):
    return [fieldset.name for fieldset in response.context["adminform"]]


def test_the_meeting_form_follows_the_order_an_editor_works_in(staff_client):
    response = staff_client.get(reverse("admin:meetings_meeting_add"))

    assert fieldset_titles(response) == [
        None,
        "When",
        "Where and how to take part",
        "Who it is for",
        "Checking and status",
        "Staff only (never shown to the public unless ticked)",
        "History",
        "Imported from",
    ]
    assert list(response.context["adminform"].form.fields)[:4] == [
        "programme",
        "name",
        "slug",
        "group_name",
    ]


def test_the_venue_form_asks_for_the_address_then_access_then_the_map(staff_client):
    response = staff_client.get(reverse("admin:meetings_venue_add"))

    assert fieldset_titles(response) == [None, "Accessibility", "Place on the map"]


def test_a_saved_edit_says_when_visitors_see_it(staff_client):
    meeting = MeetingFactory(name="Before", venue__town="Leeds")
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])

    response = staff_client.post(
        url, admin_form_data(staff_client.get(url), name="After"), follow=True
    )

    assertContains(
        response,
        f'The meeting “<a href="{url}">After (Monday 19:30, Leeds)</a>” was changed successfully. '
        "Visitors see it within 5 minutes.",
    )


def test_a_typed_map_position_needs_its_box_ticked_and_to_be_on_the_earth(staff_client):
    venue = VenueFactory()
    url = reverse("admin:meetings_venue_change", args=[venue.pk])
    form = staff_client.get(url)

    unticked = staff_client.post(url, admin_form_data(form, latitude="53.5", longitude="-2.2"))
    off_the_earth = staff_client.post(
        url, admin_form_data(form, location_set_by_staff="on", latitude="95", longitude="-2.2")
    )

    assert unticked.context["adminform"].form.errors == {
        "location_set_by_staff": [
            "Tick this to keep the latitude and longitude you typed. Otherwise they are taken "
            "from the postcode."
        ]
    }
    assert off_the_earth.context["adminform"].form.errors == {
        "latitude": ["Ensure this value is less than or equal to 90."]
    }
    venue.refresh_from_db()
    assert (venue.latitude, venue.location_set_by_staff) == (53.48346, False)  # M1 1AE


def test_saving_a_venue_whose_postcode_is_not_found_warns(staff_client):
    venue = VenueFactory(name="Hall")
    url = reverse("admin:meetings_venue_change", args=[venue.pk])

    response = staff_client.post(
        url, admin_form_data(staff_client.get(url), postcode="ZZ9 9ZZ"), follow=True
    )

    assertContains(
        response,
        "The postcode ZZ9 9ZZ was not found, so “Hall, Manchester” is not on the map and "
        "searches near a place will not find its meetings. Check the postcode.",
    )


def test_saving_a_venue_in_no_area_warns_that_no_coordinator_keeps_it(staff_client):
    venue = VenueFactory(name="Hall", area=None)
    url = reverse("admin:meetings_venue_change", args=[venue.pk])

    response = staff_client.post(url, admin_form_data(staff_client.get(url)), follow=True)
    venue.area = AreaFactory()
    venue.save()
    in_an_area = staff_client.post(url, admin_form_data(staff_client.get(url)), follow=True)

    warning = "“Hall, Manchester” is in no area, so no area coordinator can keep its meetings"
    assertContains(response, warning)
    assertNotContains(in_an_area, warning)


def test_saving_a_venue_whose_full_postcode_is_not_found_says_where_it_is_placed(staff_client):
    venue = VenueFactory(name="Hall")
    url = reverse("admin:meetings_venue_change", args=[venue.pk])

    response = staff_client.post(
        url, admin_form_data(staff_client.get(url), postcode="M1 9ZZ"), follow=True
    )
    placed = staff_client.post(
        url, admin_form_data(staff_client.get(url), postcode="M1 1AE"), follow=True
    )

    assertContains(
        response,
        "The full postcode M1 9ZZ was not found, so “Hall, Manchester” is placed at the centre "
        "of the postcode district, which may be a mile or more out. Check the postcode.",
    )
    assertNotContains(placed, "was not found")


def test_times_are_typed_as_people_write_them_and_shown_in_24_hours(staff_client):
    meeting = MeetingFactory(name="Evening")
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])

    staff_client.post(url, admin_form_data(staff_client.get(url), start_time="7.45pm"))

    meeting.refresh_from_db()
    assert meeting.start_time == datetime.time(19, 45)
    listed = staff_client.get(reverse("admin:meetings_meeting_changelist"))
    assertContains(listed, '<td class="field-when">Mon 19:45</td>', html=True)


def test_a_name_too_long_is_refused_with_a_word_not_cut_short(staff_client):
    meeting = MeetingFactory(name="Short")
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    form = staff_client.get(url)

    response = staff_client.post(url, admin_form_data(form, name="Long" * 75))

    assert 'maxlength="200"' not in form.content.decode()  # the browser cut pasted text
    assert response.context["adminform"].form.errors["name"] == [
        "Ensure this value has at most 200 characters (it has 300)."
    ]
    meeting.refresh_from_db()
    assert meeting.name == "Short"


@pytest.mark.parametrize("kind", ["programme", "area", "focus"])
def test_a_slug_in_shared_links_is_set_when_added_and_kept_after(staff_client, kind):
    """/programmes/<slug>/, ?programme=, ?area= and ?focus= links are shared and printed, and
    nothing would redirect them."""
    made = {
        "programme": lambda: ProgrammeNoteFactory().programme,
        "area": AreaFactory,
        "focus": lambda: Focus.objects.get(slug="women"),
    }[kind]()
    opts = made._meta
    change_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[made.pk])
    add_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    page = staff_client.get(change_url)

    response = staff_client.post(change_url, admin_form_data(page, slug="renamed"))

    assert response.status_code == 302
    made.refresh_from_db()
    assert made.slug != "renamed"
    assert 'name="slug"' not in page.content.decode()
    assertContains(page, "so it is set once, when it is added.")
    assertContains(staff_client.get(add_url), 'name="slug"')


def test_a_focus_that_meetings_have_is_not_deleted_and_the_page_names_them(staff_client):
    women = Focus.objects.get(slug="women")
    MeetingFactory(name="Serenity", venue__town="Leeds", focuses=["women"])
    unused = Focus.objects.create(name="Unused", slug="unused", code="U")
    delete = "admin:meetings_focus_delete"

    page = staff_client.get(reverse(delete, args=[women.pk]))
    refused = staff_client.post(reverse(delete, args=[women.pk]), {"post": "yes"})
    staff_client.post(reverse(delete, args=[unused.pk]), {"post": "yes"})

    assertContains(page, "<li>Serenity (Monday 19:30, Leeds)</li>", html=True)
    assertContains(
        page,
        "The focus “Women” cannot be deleted while meetings have it. Take it off these "
        "meetings first:",
    )
    assertNotContains(page, "would require deleting")
    assert refused.status_code == 200
    assert list(
        Focus.objects.filter(slug__in=["women", "unused"]).values_list("slug", flat=True)
    ) == ["women"]
    assert Meeting.objects.get().focuses.get() == women


def test_the_meetings_that_keep_a_focus_are_named_up_to_twenty(staff_client):
    women = Focus.objects.get(slug="women")
    for number in range(22):
        MeetingFactory(name=f"Group {number:02}", venue__town="Leeds", focuses=["women"])

    page = staff_client.get(reverse("admin:meetings_focus_delete", args=[women.pk]))

    assertContains(page, "<li>Group 19 (Monday 19:30, Leeds)</li>", html=True)
    assertNotContains(page, "Group 20")
    assertContains(page, "<li>and 2 more meetings</li>", html=True)


@pytest.mark.usefixtures("on_24_november_2026")
def test_a_meeting_staff_add_is_checked_today_unless_they_say_otherwise(staff_client):
    form = staff_client.get(reverse("admin:meetings_meeting_add")).context["adminform"].form
    given = staff_client.get(reverse("admin:meetings_meeting_add"), {"last_verified": ""})

    assert form["last_verified"].value() == datetime.date(2026, 11, 24)
    assert given.context["adminform"].form["last_verified"].value() == ""


def test_a_venue_being_added_is_not_said_to_be_unplaced(staff_client):
    page = staff_client.get(reverse("admin:meetings_venue_add"))

    assertContains(page, "From the postcode, once saved")
    assertNotContains(page, "Not placed")


def test_postcode_districts_are_searched_from_the_start_of_the_code(staff_client):
    response = staff_client.get(reverse("admin:meetings_postcodedistrict_changelist"), {"q": "M1"})

    outcodes = [district.outcode for district in response.context["cl"].result_list]
    assert outcodes[:3] == ["M1", "M11", "M12"]
    assert "CM1" not in outcodes
