"""What a printed list needs beyond the finder: its live address and a QR code of it."""

import segno
from django.urls import reverse
from django.utils.safestring import mark_safe

# Parameters that shape the printout, not which meetings are on it.
PRINT_ONLY_PARAMETERS = ("page", "layout")


def live_list_url(request):
    """The absolute address of the finder showing the same meetings as this printout."""
    query = request.GET.copy()
    for name in PRINT_ONLY_PARAMETERS:
        query.pop(name, None)
    path = reverse("meetings:meeting_list")
    return request.build_absolute_uri(f"{path}?{query.urlencode()}" if query else path)


def qr_code_svg(url):
    """An inline SVG QR code, drawn on the server: the page loads no image from anywhere."""
    svg = segno.make(url, error="m").svg_inline(scale=2, border=2, title="QR code of " + url)
    return mark_safe(svg)  # segno escapes the title; the rest is its own markup
