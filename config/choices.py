"""Choices read from small tables that change rarely (the finder's focuses, programmes and
areas), kept in each process for a minute rather than read again for every form shown: they
were three queries and some forty model objects for every search. Lists of meetings show
the same focuses (meetings.models.queries.add_focus_lists()).

Saving or deleting a row of such a table forgets its choices in that process at once; other
processes show the change within a minute, inside the five minutes for which public pages are
cached anyway. A submitted choice is still checked against the database.

One list is kept per model, so each model has one queryset of choices.
"""

import time

from django.db.models.signals import post_delete, post_save
from django.forms.models import ModelChoiceIterator
from django_filters import ModelChoiceFilter, ModelMultipleChoiceFilter
from django_filters.fields import ModelChoiceField, ModelMultipleChoiceField

KEPT_SECONDS = 60
_kept = {}  # model label: (time.monotonic() at which it expires, rows)


def kept_rows(queryset):
    label = queryset.model._meta.label
    expires, rows = _kept.get(label, (0, None))
    if expires <= time.monotonic():
        rows = list(queryset.all())  # a queryset that forms share keeps no rows of its own
        _kept[label] = (time.monotonic() + KEPT_SECONDS, rows)
    return rows


def forget_kept_choices(sender=None, **kwargs):
    """Forgets the kept choices of the model that sent a signal, or of every model."""
    if sender is None:
        _kept.clear()
    else:
        _kept.pop(sender._meta.label, None)


post_save.connect(forget_kept_choices, dispatch_uid="forget_kept_choices_on_save")
post_delete.connect(forget_kept_choices, dispatch_uid="forget_kept_choices_on_delete")


class KeptChoiceIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in kept_rows(self.queryset):
            yield self.choice(obj)

    def __len__(self):
        return len(kept_rows(self.queryset)) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(kept_rows(self.queryset))


class KeptModelChoiceField(ModelChoiceField):
    iterator = KeptChoiceIterator


class KeptModelMultipleChoiceField(ModelMultipleChoiceField):
    iterator = KeptChoiceIterator


class KeptModelChoiceFilter(ModelChoiceFilter):
    field_class = KeptModelChoiceField


class KeptModelMultipleChoiceFilter(ModelMultipleChoiceFilter):
    field_class = KeptModelMultipleChoiceField
