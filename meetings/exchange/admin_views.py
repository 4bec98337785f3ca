"""The admin's import page: upload a file or give a URL, see a preview, then confirm.

What was previewed is kept (an ImportPreview) under a token of its own, which the confirm
button carries, so that the import applies exactly those rows (planned again against
the database as it is then, in one transaction), whichever other file was previewed since in
another tab.
"""

import secrets
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from meetings.exchange import importer
from meetings.models import UK_TIME_ZONE, ImportPreview, Source, time_zone_named, web_address
from programmes.models import Programme

KEPT_PREVIEWS = 3  # a staff member's latest, one a tab; each holds its whole file
MAX_UPLOAD_BYTES = importer.MAX_BYTES


class ImportForm(forms.Form):
    programme = forms.ModelChoiceField(queryset=Programme.objects.all())
    url = forms.URLField(
        label="URL",
        required=False,
        max_length=500,
        assume_scheme="https",
        validators=[web_address],
        help_text="A Meeting Guide JSON feed or a CSV meeting list. Kept in step nightly.",
    )
    file = forms.FileField(
        required=False, help_text="Or upload a .json or .csv file: imported once, not kept in step."
    )
    name = forms.CharField(
        max_length=200,
        required=False,
        help_text="For the source; the URL or file name if empty. To update one of several "
        "sources made from files of the same name, give its name.",
    )
    time_zone = forms.CharField(
        max_length=50, initial=UK_TIME_ZONE, help_text="For rows that do not give their own."
    )

    def clean_time_zone(self):
        zone = time_zone_named(self.cleaned_data["time_zone"])
        if zone is None:
            raise forms.ValidationError("Enter a time zone such as Europe/London.")
        return zone

    def clean(self):
        data = super().clean()
        if "url" in self.errors or "file" in self.errors:  # given, and said to be wrong
            return data
        if bool(data.get("url")) == bool(data.get("file")):
            raise forms.ValidationError("Give a URL or upload a file (one of them).")
        if data.get("file") and data["file"].size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file is larger than 50 MB.")
        return data


def import_view(model_admin, request):
    """GET: the form. POST "preview": read and plan. POST "as_new_source": plan the previewed
    file again as a source of its own. POST "confirm": apply the previewed rows."""
    if not (
        model_admin.has_add_permission(request) and request.user.has_perm("meetings.add_meeting")
    ):
        raise PermissionDenied
    context = {**model_admin.admin_site.each_context(request), "title": "Import meetings"}
    context["opts"] = model_admin.model._meta
    if request.method == "POST" and "confirm" in request.POST:
        return confirm(request, context)
    if request.method == "POST" and "as_new_source" in request.POST:
        kept = kept_preview(request)
        if kept is None:
            return expired(request)
        items = importer.read_items(kept["content"], kept["location"])
        # Named apart from the source of the same file name, unless staff named it.
        today = timezone.localdate()
        name = kept["name"] or f"{Path(kept['location']).name}, imported {today:%-d %B %Y}"
        return preview(request, context, {**kept, "new_source": True, "name": name}, items)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        location = data["url"] or data["file"].name
        try:
            content = data["file"].read() if data["file"] else importer.fetch(data["url"])
            items = importer.read_items(content, location)
        except importer.Unreadable as error:
            form.add_error(None, f"{error} Nothing was imported.")
        else:
            kept = {
                "content": content,
                "location": location,
                "programme": data["programme"].pk,
                "name": data["name"],
                "time_zone": data["time_zone"],
                "new_source": False,
            }
            return preview(request, context, kept, items)
    context["form"] = form
    return TemplateResponse(request, "meetings/exchange/import.html", context)


def preview(request, context, kept, items, plan=None):
    """What importing `items` would do (`plan`, when already made), kept under a token of
    its own for the confirm button.
    An upload with the name of a file imported before is taken as its new version, and the
    preview says so, as a different list that happens to share its name would end that
    file's meetings."""
    source = kept_source(kept)
    context["preview_token"] = keep(request, kept)
    context["plan"] = plan or importer.plan_import(source, items)
    context["source"] = source
    if source.pk and not source.url:
        context["earlier_upload_meetings"] = source.meetings.count()
        context["earlier_upload_name"] = Source.objects.get(pk=source.pk).name  # as saved
    return TemplateResponse(request, "meetings/exchange/import.html", context)


def keep(request, kept):
    """Keep a preview, and the staff member's KEPT_PREVIEWS latest only: its new token."""
    token = secrets.token_urlsafe(16)
    details = {name: value for name, value in kept.items() if name != "content"}
    ImportPreview.objects.create(
        token=token, user=request.user, content=kept["content"], details=details
    )
    mine = ImportPreview.objects.filter(user=request.user).order_by("-created", "-pk")
    ImportPreview.objects.filter(
        pk__in=list(mine.values_list("pk", flat=True)[KEPT_PREVIEWS:])
    ).delete()
    return token


def kept_preview(request, take=False):
    """The preview whose token the form carries, if it is the staff member's and still kept
    (taken away with `take`), or None."""
    token = request.POST.get("preview_token", "")
    kept = ImportPreview.objects.filter(user=request.user, token=token).first()
    if kept is None:
        return None
    if take:
        kept.delete()
    return {**kept.details, "content": bytes(kept.content)}


def kept_source(kept):
    return importer.find_or_build_source(
        kept["location"],
        Programme.objects.get(pk=kept["programme"]),
        kept["time_zone"],
        kept["name"] or None,
        new=kept.get("new_source", False),
    )


def expired(request):
    messages.error(request, "That preview has expired: please start again.")
    return redirect("admin:meetings_source_import")


def confirm(request, context):
    kept = kept_preview(request, take=True)
    if kept is None:
        return expired(request)
    source = kept_source(kept)
    items = importer.read_items(kept["content"], kept["location"])
    plan = importer.plan_import(source, items)
    if plan.listed_already and not request.POST.get("add_again"):
        # Most likely this site's own export: adding its meetings again takes a second thought.
        context["add_again_error"] = True
        return preview(request, context, kept, items, plan)
    try:
        importer.apply(plan)
    except DatabaseError as error:
        messages.error(request, importer.refused_message(error, source))
        return redirect("admin:meetings_source_import")
    messages.success(request, f"Imported into “{source.name}”: {plan.summary()}.")
    return redirect(reverse("admin:meetings_source_change", args=[source.pk]))
