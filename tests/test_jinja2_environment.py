"""The public pages' Jinja2 environment (config/jinja2.py)."""

import pytest
from django.template import engines


def render(source, **context):
    return engines["jinja2"].from_string(source).render(context)


class Page:
    def has_next(self):
        return True


def distance():
    return "1 mile"


def test_a_value_is_printed_escaped():
    assert render("{{ text }} {{ number }}", text="<b>", number=3) == "&lt;b&gt; 3"


@pytest.mark.parametrize(
    "source", ["{{ page.has_next }}", "{{ distance }}"], ids=["method", "function"]
)
def test_a_method_or_function_printed_rather_than_called_is_an_error(source):
    with pytest.raises(TypeError, match=r"is printed, not called: add \(\)"):
        render(source, page=Page(), distance=distance)


def test_a_called_method_prints_what_it_returns():
    assert render("{{ page.has_next() }}", page=Page()) == "True"
