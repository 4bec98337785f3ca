"""What a printed list needs beyond the finder: its live address, a QR code of it, and a
legend of the abbreviations and codes on it."""

import segno
from django.urls import reverse
from django.utils.safestring import mark_safe

from meetings.models import Openness

# Parameters that shape the printout, not which meetings are on it.
PRINT_ONLY_PARAMETERS = ("page", "layout", "selection")


def live_url(request, filterset):
    """(The absolute address of the live page with what this printout has, whether it is a
    meeting's own page): the finder with the same search, or the meeting's page when it is
    printed alone ("Print this meeting")."""
    query = request.GET.copy()
    selected = query.get("selection")  # ticked in a list, not printed from a meeting's page
    for name in PRINT_ONLY_PARAMETERS:
        query.pop(name, None)
    chosen = filterset.form.cleaned_data.get("meeting") if filterset.is_valid() else None
    if list(query) == ["meeting"] and not selected and chosen is not None and len(chosen) == 1:
        return request.build_absolute_uri(chosen[0].get_absolute_url()), True
    path = reverse("meetings:meeting_list")
    return request.build_absolute_uri(f"{path}?{query.urlencode()}" if query else path), False


# Longer addresses make QR codes too dense to scan at 30 mm (and slow to draw: 0.4 s for a
# selection of 100 meetings); the page prints the address in words instead.
QR_CODE_MAX_LENGTH = 300


def qr_code_svg(url):
    """An inline SVG QR code, drawn on the server: the page loads no image from anywhere."""
    if len(url) > QR_CODE_MAX_LENGTH:
        return ""
    code = segno.make(url, error="m")
    # A viewBox, not a fixed size, so that a larger code shrinks into the printed box
    # rather than being cut to its corner.
    svg = code.svg_inline(border=2, omitsize=True, title="QR code of " + url)
    return mark_safe(svg)  # segno escapes the title; the rest is its own markup


def legend(meetings):
    """The programmes, focuses and features of the printed meetings, and the kinds of
    meeting ("Open", "Closed"), each once, in order: the legend explains only what the sheet
    uses. No queries: the rows have them loaded."""
    programmes = {m.programme.pk: m.programme for m in meetings}
    kinds = {m.openness for m in meetings}
    focuses = {tag.pk: tag for m in meetings for tag in m.focus_list}
    features = {tag.pk: tag for m in meetings for tag in m.feature_list}
    return {
        "programmes": sorted(programmes.values(), key=lambda p: p.short_name),
        "focuses": sorted(focuses.values(), key=lambda tag: (tag.order, tag.name)),
        "features": sorted(features.values(), key=lambda tag: (tag.order, tag.name)),
        "kinds": [tuple(kind.label.split(": ", 1)) for kind in Openness if kind in kinds],
    }
