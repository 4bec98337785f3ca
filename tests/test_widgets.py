from html.parser import HTMLParser

import pytest
from django.forms.utils import flatatt

from config.widgets import Checkboxes, attributes


def parsed(html):
    """[(tag, [(attribute, value)])] of the start tags in html, entities decoded."""
    tags = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.append((tag, attrs))

    Parser().feed(html)
    return tags


@pytest.mark.parametrize(
    "attrs",
    [
        {},
        {"id": "id_near", "class": "wide", "autocomplete": "postal-code"},
        {"required": True, "disabled": False, "placeholder": None, "maxlength": 100},
        {"aria-describedby": "a \"quoted\" <b> & 'c'", "data-n": 0, "checked": True},
    ],
)
def test_attributes_say_what_djangos_flatatt_says(attrs):
    assert parsed(f"<input{attributes(attrs)}>") == parsed(f"<input{flatatt(attrs)}>")


def test_choices_are_escaped_and_the_chosen_ones_checked():
    widget = Checkboxes(choices=[("a&b", "Fish & <chips>"), ("c", "C")])
    html = widget.render("food", ["a&b"], attrs={"id": "id_food"})
    assert parsed(html) == [
        ("div", [("class", "choice")]),
        (
            "input",
            [
                ("type", "checkbox"),
                ("name", "food"),
                ("value", "a&b"),
                ("id", "id_food_0"),
                ("checked", None),
            ],
        ),
        ("label", [("for", "id_food_0")]),
        ("div", [("class", "choice")]),
        ("input", [("type", "checkbox"), ("name", "food"), ("value", "c"), ("id", "id_food_1")]),
        ("label", [("for", "id_food_1")]),
    ]
    assert "Fish &amp; &lt;chips&gt;" in html
