from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from meetings.filters import NEAR_HINT, MeetingFilter
from meetings.forms import ChangeReportForm
from meetings.models import Feature, Focus, Meeting
from meetings.printing import live_list_url, qr_code_svg
from programmes.models import Programme

MEETINGS_PER_PAGE = 20
PRINT_LIMIT = 300  # about ten A4 pages; more is better narrowed than printed
ONLINE_MEETINGS_SHOWN_WITH_NEAR = 10


def home(request):
    programmes = Programme.objects.in_approach_order()
    return render(request, "home.html", {"programmes": programmes, "near_hint": NEAR_HINT})


def about(request):
    return render(request, "about.html")


def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


def meeting_list(request):
    filterset = MeetingFilter(request.GET, queryset=Meeting.objects.active().for_listing())
    # Like django-filter's strict FilterView: invalid input gives no results plus the errors.
    valid = filterset.is_valid()
    meetings = filterset.qs if valid else Meeting.objects.none()
    online = filterset.online_meetings() if valid else Meeting.objects.none()
    page = Paginator(meetings, MEETINGS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "filterset": filterset,
        "page": page,
        "summary": filterset.describe(page.paginator.count) if valid else "",
        "applied_filters": filterset.applied_filters() if valid else [],
        "online_meetings": online[:ONLINE_MEETINGS_SHOWN_WITH_NEAR] if filterset.location else [],
        "online_count": online.count() if filterset.location else 0,
    }
    return render(request, "meetings/meeting_list.html", context)


def meeting_detail(request, slug):
    meeting = get_object_or_404(
        Meeting.objects.select_related("programme", "venue").prefetch_related(
            "focuses", "features"
        ),
        slug=slug,
    )
    return render(request, "meetings/meeting_detail.html", {"meeting": meeting})


def meeting_print(request):
    filterset = MeetingFilter(
        request.GET,
        queryset=Meeting.objects.active().for_listing().prefetch_related("features"),
    )
    valid = filterset.is_valid()
    meetings = filterset.qs if valid else Meeting.objects.none()
    in_person = meetings.with_venue().order_by(
        "uk_weekday", "venue__town", "uk_start_time", "name", "pk"
    )
    # Near a place, online-only meetings are not in `meetings` but still worth printing.
    online = filterset.online_meetings() if valid and filterset.location else meetings.online_only()
    count = in_person.count() + online.count()
    live_url = live_list_url(request)
    context = {
        "filterset": filterset,
        "title": filterset.title() if valid else "Meetings",
        "count": count,
        "too_many": count > PRINT_LIMIT,
        "limit": PRINT_LIMIT,
        "live_url": live_url,
        "qr_code": qr_code_svg(live_url),
        "compact": request.GET.get("layout") == "compact",
        "printed": timezone.localdate(),
    }
    if 0 < count <= PRINT_LIMIT:
        printed = Q(meetings__in=in_person) | Q(meetings__in=online)
        context |= {
            "in_person": in_person,
            "online": online,
            "focuses": Focus.objects.filter(printed).distinct(),
            "features": Feature.objects.filter(printed).distinct(),
        }
    return render(request, "meetings/meeting_print.html", context)


# Visitors have no session to misuse, and a CSRF token would mean a cookie for everyone
# who opens the form; the honeypot field and staff moderation deal with spam instead.
@csrf_exempt
def meeting_report(request, slug):
    meeting = get_object_or_404(Meeting.objects.select_related("programme"), slug=slug)
    form = ChangeReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.meeting = meeting
        form.save()
        return redirect(f"{meeting.get_absolute_url()}?reported=1")
    return render(request, "meetings/meeting_report.html", {"meeting": meeting, "form": form})
