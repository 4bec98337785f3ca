"""The site's choice controls, written out in Python rather than through Django's template
for each option: the finder's form has some seventy options, and rendering them a template
at a time took longer than all the rest of its results page."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


def _options(widget, name, value, attrs):
    for _group, options, _index in widget.get_context(name, value, attrs)["widget"]["optgroups"]:
        yield from options


class ChoiceInputsMixin:
    """Each option a `div.choice` holding its input and, after the input, its label."""

    def render(self, name, value, attrs=None, renderer=None):
        return format_html_join(
            "\n",
            '<div class="choice"><input type="{}" name="{}" value="{}"{}>'
            '<label for="{}">{}</label></div>',
            (
                (
                    option["type"],
                    option["name"],
                    option["value"],
                    flatatt(option["attrs"]),
                    option["attrs"]["id"],
                    option["label"],
                )
                for option in _options(self, name, value, attrs)
            ),
        )


class Checkboxes(ChoiceInputsMixin, forms.CheckboxSelectMultiple):
    pass


class RadioButtons(ChoiceInputsMixin, forms.RadioSelect):
    pass


class Select(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        options = format_html_join(
            "\n",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], flatatt(option["attrs"]), option["label"])
                for option in _options(self, name, value, attrs)
            ),
        )
        final_attrs = flatatt(self.build_attrs(self.attrs, attrs))
        return format_html('<select name="{}"{}>\n{}\n</select>', name, final_attrs, options)
