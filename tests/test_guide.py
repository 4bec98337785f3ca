import html
import io
import itertools
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from programmes.guide import (
    FAMILIES_REASON,
    GuideForm,
    Medication,
    advise,
    finder_query,
    suggested_programmes,
)
from programmes.models import Abstinence, Approach
from tests.factories import ProgrammeFactory, ProgrammeNoteFactory

GUIDE = reverse("programmes:programme_guide")
MAT_CAUTION = "In NA and CA, many members count prescribed methadone or buprenorphine as using."
MAT_CAUTION_CONTINUED = (
    "You are welcome at any meeting, but some members may not see you as “clean”, and some "
    "groups ask people on it not to share or take service roles."
)
AA_FOR_DRINKING = (
    "If alcohol is one of your problems, AA is for anyone who wants to stop drinking, and "
    "leaves prescribed medication to you and your doctor."
)
EVERY_ANSWER = {  # a blank answer, and every choice (of which "group" has a blank one too)
    name: list(dict.fromkeys(["", *(value for value, _ in field.choices)]))
    for name, field in GuideForm.base_fields.items()
    if name != "near"  # not a question: where to look, passed on to the finder
}


TWELVE_STEP = (
    "programme=alcoholics-anonymous&programme=cocaine-anonymous&programme=narcotics-anonymous"
)


def answers_and_query(**answers):
    advice = advise(answers)
    programmes = suggested_programmes(answers, advice)
    return [fit.approach for fit in advice.suggested], finder_query(answers, programmes)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("answers", "approaches", "query"),
    [
        (
            {},
            [Approach.TWELVE_STEP, Approach.SKILLS_BASED],
            f"{TWELVE_STEP}&programme=smart-recovery",
        ),
        (
            {"spiritual": "welcome", "medication": "no", "goal": "stop-now", "start": "in-person"},
            [Approach.TWELVE_STEP, Approach.SKILLS_BASED],
            f"{TWELVE_STEP}&programme=smart-recovery&attendance=in-person",
        ),
        (
            {
                "spiritual": "off-putting",
                "medication": "yes",
                "goal": "own-pace",
                "start": "online",
                "group": "women",
            },
            [Approach.SKILLS_BASED, Approach.OTHER],
            "programme=smart-recovery&programme=local-peer-support&attendance=online"
            "&focus=women&mat=1",
        ),
        (
            {"medication": "yes", "start": "one-to-one"},
            [Approach.OTHER, Approach.SKILLS_BASED],
            "programme=smart-recovery&programme=local-peer-support&mat=1",
        ),
        (
            {"spiritual": "neutral", "goal": "own-pace", "group": "lgbtq"},
            [Approach.SKILLS_BASED, Approach.OTHER],
            "programme=smart-recovery&programme=local-peer-support&focus=lgbtq",
        ),
        (
            {"group": "families"},
            [Approach.SKILLS_BASED],  # the family group is the one listed here
            "programme=smart-recovery-family-and-friends",
        ),
    ],
)  # fmt: skip
def test_answers_lead_to_approaches_and_a_finder_link(programmes, answers, approaches, query):
    assert answers_and_query(**answers) == (approaches, query)


@pytest.fixture
def programmes():
    call_command("load_programmes", stdout=io.StringIO())


@pytest.mark.django_db
def test_programmes_with_meetings_come_first_and_methods_without_any_are_said_so(
    client, programmes
):
    response = client.get(GUIDE, {"answered": "1", "spiritual": "off-putting"})

    assert [p.name for p in response.context["programmes"]] == [
        "SMART Recovery",
        "Rational Recovery",  # a self-help method: last, and said so
    ]
    assertContains(response, "Rational Recovery</a> (no meetings)</h3>")


@pytest.mark.django_db
@pytest.mark.parametrize("answers", [{"start": "in-person"}, {"group": "women"}])
def test_someone_who_wants_a_group_is_not_offered_a_method_without_any(client, programmes, answers):
    response = client.get(GUIDE, {"answered": "1", "spiritual": "off-putting", **answers})

    assert [p.name for p in response.context["programmes"]] == ["SMART Recovery"]
    assertNotContains(response, "(no meetings)")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("answers", "names"),
    [
        ({"medication": "yes"}, ["SMART Recovery", "Local peer support and one-to-one"]),
        ({"goal": "own-pace"}, ["SMART Recovery", "Local peer support and one-to-one"]),
        ({"medication": "no", "goal": "stop-now"}, ["SMART Recovery", "Rational Recovery"]),
    ],
)
def test_programmes_that_ask_for_what_the_answers_rule_out_are_not_suggested(
    client, programmes, answers, names
):
    # Rational Recovery asks for complete abstinence, prescribed substitutes included.
    response = client.get(GUIDE, {"answered": "1", "spiritual": "off-putting", **answers})

    assert [p.name for p in response.context["programmes"]] == names


@pytest.mark.django_db
def test_family_groups_are_for_families_only(client, programmes):
    for_themselves = client.get(GUIDE, {"answered": "1", "group": ""})
    for_a_relative = client.get(GUIDE, {"answered": "1", "group": "families"})

    assert "SMART Recovery Family & Friends" not in [
        p.name for p in for_themselves.context["programmes"]
    ]
    assert [p.name for p in for_a_relative.context["programmes"]] == [
        "SMART Recovery Family & Friends"
    ]


@pytest.mark.django_db
def test_someone_asking_for_a_family_group_is_not_advised_on_their_own_use(client, programmes):
    answers = {"answered": "1", "spiritual": "welcome", "medication": "yes", "goal": "stop-now"}

    response = client.get(GUIDE, {**answers, "start": "online", "group": "families"})

    advice = response.context["advice"]
    assert [(fit.approach, fit.reasons_for) for fit in advice.fits] == [
        (Approach.SKILLS_BASED, [FAMILIES_REASON])
    ]
    assertNotContains(response, "You want to stop completely now")
    assertNotContains(response, "run by people in recovery")
    assertNotContains(response, "Not ready for a group yet?")
    assertNotContains(response, "stopping suddenly can be dangerous")
    assertContains(response, "Meetings are free, led by trained volunteers")
    assertContains(response, "There are 12-step family groups too: Al-Anon")
    assert response.context["finder_query"] == (
        "programme=smart-recovery-family-and-friends&attendance=online"
    )


@pytest.mark.django_db
def test_the_kind_of_group_can_be_cleared(client):
    response = client.get(GUIDE)

    assertContains(
        response,
        '<input type="radio" name="group" value="" id="id_group_0" checked>',
        html=True,
    )
    assertContains(response, '<label for="id_group_0">No, any group</label>', html=True)


def test_every_combination_of_answers_gets_an_explained_suggestion():
    combinations = list(itertools.product(*EVERY_ANSWER.values()))
    for values in combinations:
        answers = dict(zip(EVERY_ANSWER, values, strict=True))
        advice = advise(answers)
        query = finder_query(answers, programmes=[])

        assert advice.suggested, answers
        assert all(fit.reasons_against for fit in advice.others), answers
        if answers["medication"] == Medication.YES and answers["group"] != "families":
            # Only programmes that welcome medication, and why not NA and CA.
            twelve_step = next(f for f in advice.fits if f.approach == Approach.TWELVE_STEP)
            assert f"{MAT_CAUTION} {MAT_CAUTION_CONTINUED}" in twelve_step.reasons_against
            assert twelve_step.to_know == [AA_FOR_DRINKING]
            assert twelve_step in advice.others
            assert "mat=1" in query.split("&")
    assert len(combinations) == 864


@pytest.mark.django_db
def test_every_suggested_approach_has_a_programme_that_fits_the_answers(programmes):
    """advise() weighs approaches; suggested_programmes() then leaves out programmes that ask
    for what the answers rule out. With the shipped programmes, no approach is left empty."""
    for values in itertools.product(*EVERY_ANSWER.values()):
        answers = dict(zip(EVERY_ANSWER, values, strict=True))
        if answers["group"] == "families":
            continue  # family groups only, whatever the approach (tested above)
        advice = advise(answers)
        approaches = {p.approach for p in suggested_programmes(answers, advice)}

        assert approaches == {fit.approach for fit in advice.suggested}, answers


@pytest.mark.django_db
def test_guide_asks_five_questions_as_fieldsets_then_where_to_look(client):
    response = client.get(GUIDE)

    assert list(response.context["form"].fields) == [
        "spiritual",
        "medication",
        "goal",
        "start",
        "group",
        "near",
    ]
    assertContains(response, "<fieldset", count=5)
    assertContains(response, '<input type="hidden" name="answered" value="1">', html=True)
    assertContains(
        response, '<label for="id_near">Postcode or town, to find meetings near you</label>'
    )


@pytest.mark.django_db
def test_the_guide_keeps_the_place_a_search_was_near_for_the_meetings_it_suggests(
    client, programmes
):
    """Someone in Stornoway who asks which approach might suit them gets meetings near
    Stornoway, not every meeting in the UK by time."""
    finder = client.get(reverse("meetings:meeting_list"), {"near": "m1 1ae"})
    link = re.search(
        r'<a href="([^"]*)">Which approach might suit me\?</a>', finder.content.decode()
    )[1]

    questions = client.get(html.unescape(link))
    answer = client.get(GUIDE, {"answered": "1", "start": "in-person", "near": " m1 1ae "})

    assert link == "/programmes/guide/?near=m1%201ae"
    assert questions.context["form"]["near"].value() == "m1 1ae"
    assert answer.context["finder_query"] == (
        f"{TWELVE_STEP}&programme=smart-recovery&near=m1+1ae&attendance=in-person"
    )
    online = client.get(GUIDE, {"answered": "1", "start": "online", "near": "m1 1ae"})
    assert online.context["finder_query"] == (
        f"{TWELVE_STEP}&programme=smart-recovery&attendance=online"
    )


def test_a_place_too_long_to_be_one_is_said_so_in_the_guide(client):
    response = client.get(GUIDE, {"answered": "1", "near": "x" * 101})

    assertContains(response, "There is a problem with your answers")
    assertContains(response, "That is longer than any postcode or town (101 characters)")


@pytest.mark.django_db
def test_skipping_every_question_still_gives_an_answer(client, programmes):
    response = client.get(GUIDE, {"answered": "1"})

    assertContains(response, "<h1>What might suit you</h1>", html=True)
    assertContains(
        response, "<strong>a 12-step group or a skills-based group</strong> may suit you"
    )
    assertContains(
        response,
        f'href="/meetings/?{TWELVE_STEP.replace("&", "&amp;")}&amp;programme=smart-recovery"',
    )


@pytest.mark.django_db
def test_change_your_answers_shows_the_questions_with_the_answers_ticked(client, programmes):
    answer = client.get(GUIDE, {"answered": "1", "medication": "yes", "goal": "own-pace"})
    link = re.search(r'<a href="([^"]*)">Change your answers</a>', answer.content.decode())[1]

    questions = client.get(html.unescape(link))

    assert link == "/programmes/guide/?medication=yes&amp;goal=own-pace"
    assertContains(questions, "<h1>Which approach might suit me?</h1>", html=True)
    assert questions.context["form"]["medication"].value() == "yes"
    assert questions.context["form"]["goal"].value() == "own-pace"


@pytest.mark.django_db
def test_answer_page_explains_and_shows_the_pros_and_cons(client):
    smart = ProgrammeFactory(
        name="SMART Recovery", approach=Approach.SKILLS_BASED, abstinence=Abstinence.MAT_WELCOME
    )
    ProgrammeNoteFactory(programme=smart, kind="pro", text="Secular and practical")
    ProgrammeNoteFactory(programme=smart, kind="con", text="Fewer meetings in some areas")
    ProgrammeFactory(name="Narcotics Anonymous", approach=Approach.TWELVE_STEP)

    response = client.get(GUIDE, {"answered": "1", "medication": "yes", "spiritual": "off-putting"})

    assertContains(
        response,
        "From your answers, <strong>a skills-based group or local peer support</strong> may suit "
        "you.",
    )
    assertContains(
        response, f'<a class="button" href="/meetings/?programme={smart.slug}&amp;mat=1">'
    )
    assertContains(response, "<li>Secular and practical</li>", html=True)
    assertContains(response, "<li>Fewer meetings in some areas</li>", html=True)
    assertContains(response, MAT_CAUTION)  # under "Worth thinking about"
    assertNotContains(response, "Narcotics Anonymous</a></h3>")
    assert [p.name for p in response.context["programmes"]] == ["SMART Recovery"]


@pytest.mark.django_db
def test_someone_on_medication_is_told_about_12_step_groups_and_aa_for_drinking(client, programmes):
    response = client.get(GUIDE, {"answered": "1", "medication": "yes"})

    assert [p.name for p in response.context["programmes"]] == [
        "SMART Recovery",
        "Local peer support and one-to-one",
    ]
    assertContains(response, f"<li>{MAT_CAUTION} {MAT_CAUTION_CONTINUED}</li>", html=True)
    assertContains(response, f"<p>{AA_FOR_DRINKING}</p>", html=True)
    assert "alcoholics-anonymous" not in response.context["finder_query"]


@pytest.mark.django_db
def test_a_value_that_is_not_a_choice_shows_the_questions_again(client):
    response = client.get(GUIDE, {"answered": "1", "goal": "moon"})

    assertContains(response, "There is a problem with your answers")
    assertContains(response, "Select a valid choice. moon is not one of the available choices.")


@pytest.mark.django_db
@pytest.mark.parametrize("n_programmes", [1, 7])
def test_guide_answer_query_count_does_not_grow(client, django_assert_num_queries, n_programmes):
    for _ in range(n_programmes):
        ProgrammeNoteFactory(programme__approach=Approach.SKILLS_BASED)

    with django_assert_num_queries(4):  # programmes; their pros; cons; suitability notes
        response = client.get(GUIDE, {"answered": "1"})

    assert len(response.context["programmes"]) == n_programmes


@pytest.mark.django_db
@pytest.mark.parametrize("n_programmes", [1, 7])
def test_compare_is_a_real_table_with_headers(client, django_assert_num_queries, n_programmes):
    programmes = ProgrammeFactory.create_batch(n_programmes, structure="Readings and sharing")

    with django_assert_num_queries(1):
        response = client.get(reverse("programmes:programme_compare"))

    assertContains(response, '<th scope="col">', count=n_programmes)
    assertContains(response, '<th scope="row">', count=10)
    # Each cell names its programme in full for narrow screens ("RR" would mean nothing),
    # hidden from screen readers, which have the column's header.
    cell = (
        f'<td><span class="cell-name" aria-hidden="true">{programmes[0].name}</span>'
        "Readings and sharing</td>"
    )
    assertContains(response, cell, html=True)
    assertContains(response, "Readings and sharing</td>", count=n_programmes)
    assertContains(response, f'<a href="{programmes[0].get_absolute_url()}">')


@pytest.mark.django_db
def test_what_fits_an_approach_worth_thinking_about_is_said_too(client, programmes):
    response = client.get(GUIDE, {"answered": "1", "spiritual": "welcome", "medication": "yes"})

    others = response.content.decode().split("<h2>Worth thinking about</h2>")[1]
    assert [fit.approach for fit in response.context["advice"].others] == [Approach.TWELVE_STEP]
    assert others.index("In its favour:") < others.index("You welcome a spiritual element")
    assert others.index("You welcome a spiritual element") < others.index("But:")
    assert others.index("But:") < others.index(MAT_CAUTION)


@pytest.mark.django_db
def test_someone_who_wants_one_to_one_support_is_told_where_to_find_it_first(client, programmes):
    response = client.get(GUIDE, {"answered": "1", "start": "one-to-one"})

    html = response.content.decode()
    told = "We list groups, not one-to-one support."
    button = html.index("Find groups you could try when you are ready</a>")
    assert html.index(told) < html.index('<a href="tel:03001236600">') < button  # FRANK
    assert html.index("<h1>") < html.index(told) < html.index('<p class="lead">')  # first
    assertNotContains(response, "Not ready for a group yet?")  # said already, at the top
    assertNotContains(client.get(GUIDE, {"answered": "1"}), told)
