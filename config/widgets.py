"""The site's choice controls, written out in Python straight from their choices, rather than
through Django's template and option dictionaries for each option: the finder's form has some
seventy options, and rendering them that way took longer than all the rest of its results page.
The HTML is the same as Django's widgets give, without their wrapping lists. Text boxes are
written out here too: Django's template for one includes two more, and the two on the finder
took as long as all its checkboxes."""

from django import forms
from django.utils.safestring import mark_safe
from markupsafe import escape


def attributes(attrs):
    """As Django's flatatt(), in the same order: ` name="value"` for each attribute, then
    ` name` for each that is True. Without its safe-string machinery, a third of the time it
    took to write out the finder's form."""
    valued = [(name, value) for name, value in attrs.items() if not isinstance(value, bool)]
    flags = [name for name, value in attrs.items() if value is True]
    return "".join(
        f' {name}="{escape(value)}"' for name, value in sorted(valued) if value is not None
    ) + "".join(f" {name}" for name in sorted(flags))


def _options(widget, value):
    """(value, label, chosen) for each of a widget's (ungrouped) choices."""
    chosen = set(widget.format_value(value))
    for option_value, label in widget.choices:
        option_value = "" if option_value is None else str(option_value)
        yield escape(option_value), escape(label), option_value in chosen


class ChoiceInputsMixin:
    """Each option a `div.choice` holding its input and, after the input, its label."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        base_id = attrs.pop("id")  # forms here always have auto_id
        extra = attributes(attrs)
        kind, name = self.input_type, escape(name)
        html = []
        for index, (option_value, label, chosen) in enumerate(_options(self, value)):
            id_ = escape(f"{base_id}_{index}")
            html.append(
                f'<div class="choice"><input type="{kind}" name="{name}" value="{option_value}"'
                f' id="{id_}"{extra}{" checked" if chosen else ""}>'
                f'<label for="{id_}">{label}</label></div>'
            )
        return mark_safe("\n".join(html))


class Checkboxes(ChoiceInputsMixin, forms.CheckboxSelectMultiple):
    pass


class RadioButtons(ChoiceInputsMixin, forms.RadioSelect):
    pass


class Select(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        options = "\n".join(
            f'<option value="{option_value}"{" selected" if chosen else ""}>{label}</option>'
            for option_value, label, chosen in _options(self, value)
        )
        final_attrs = attributes(self.build_attrs(self.attrs, attrs))
        return mark_safe(f'<select name="{escape(name)}"{final_attrs}>\n{options}\n</select>')


class TextInput(forms.TextInput):
    """Without `maxlength`: text too long is said so by the form, where the browser would cut
    what was pasted short without a word."""

    def render(self, name, value, attrs=None, renderer=None):
        value = self.format_value(value)
        value_attr = "" if value is None else f' value="{escape(value)}"'
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs.pop("maxlength", None)
        final_attrs = attributes(final_attrs)
        return mark_safe(
            f'<input type="{self.input_type}" name="{escape(name)}"{value_attr}{final_attrs}>'
        )
