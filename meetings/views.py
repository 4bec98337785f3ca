from django.db import DatabaseError, connection
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from config.middleware import RETRY_AFTER_SECONDS
from config.reversing import reverse_slug
from meetings import abuse
from meetings.filters import MeetingFilter, finder_query
from meetings.forms import ChangeReportForm
from meetings.locations import LocationNotFound, find_location
from meetings.models import Meeting, Status, fetch_together
from meetings.paging import CappedPaginator
from meetings.printing import legend, live_url, qr_code_svg
from meetings.search_form import NEAR_HINT, canonical_query, today_named
from programmes.models import Programme

MEETINGS_PER_PAGE = 20
PRINT_LIMIT = 300  # about ten A4 pages; more is better narrowed than printed
ONLINE_MEETINGS_SHOWN_WITH_NEAR = 10
CLOSED_MEETINGS_SHOWN = 10
MAX_REDIRECT_QUERY = 2_000


def home(request):
    programmes = Programme.objects.in_approach_order()
    return render(request, "home.html", {"programmes": programmes, "near_hint": NEAR_HINT})


def about(request):
    return render(request, "about.html")


def favicon(request):
    return redirect(static("favicon.svg"), permanent=True)


@never_cache  # it must say how the database is now, never how it was
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        response = HttpResponse("database unavailable", status=503, content_type="text/plain")
        response["Retry-After"] = RETRY_AFTER_SECONDS
        return response
    return HttpResponse("ok", content_type="text/plain")


def redirect_to_canonical(request, today_named_too=False):
    """Empty and default-only parameters never reach shared links, QR codes or history (nor,
    with `today_named_too`, the day "today", for what outlives the day: one redirect for
    both). An address too long to be a link anyone shares is answered as it is, with its
    errors."""
    query = canonical_query(request.GET)
    if today_named_too:
        named = today_named(request.GET if query is None else QueryDict(query))
        query = query if named is None else named
    if query is None or len(query) > MAX_REDIRECT_QUERY:
        return None
    return redirect(f"{request.path}?{query}" if query else request.path)


def meeting_list(request):
    if response := redirect_to_canonical(request):
        return response
    filterset = MeetingFilter(request.GET, queryset=Meeting.objects.active().for_listing())
    # Like django-filter's strict FilterView: invalid input gives no results plus the errors.
    valid = filterset.is_valid()
    meetings = filterset.qs if valid else Meeting.objects.none()
    online = filterset.online_meetings() if valid else Meeting.objects.none()
    paginator = CappedPaginator(filterset.in_week_order(meetings), MEETINGS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    # Beside a search near a place, the first few online meetings of the week from now.
    online_paginator = CappedPaginator(
        filterset.in_week_order(online), ONLINE_MEETINGS_SHOWN_WITH_NEAR
    )
    online_page = online_paginator.page(1)
    # Temporarily closed meetings on the first page only, as later pages would list them
    # again; and not for a search too wide to count in full unless it is by distance: they
    # would be the first ten in the country by day and time, which helps no one.
    narrow = not paginator.is_capped or filterset.sorted_by_distance
    with_closed = valid and page.number == 1 and narrow
    closed = filterset.closed_meetings() if with_closed else Meeting.objects.none()
    page.object_list, shown_online, closed = fetch_together(
        page.object_list,  # slices of the list's parts (CappedPaginator)
        online_page.object_list,  # none unless near a place
        [closed[:CLOSED_MEETINGS_SHOWN]],
    )
    context = {
        "filterset": filterset,
        "page": page,
        "nearest": filterset.nearest_beyond() if valid and not page.object_list else None,
        "summary": filterset.describe(paginator, online_paginator) if valid else "",
        "applied_filters": filterset.applied_filters() if valid else [],
        "online_meetings": shown_online,
        "online_count": online_paginator.count,
        "online_capped": online_paginator.is_capped,
        "print_count": paginator.count + online_paginator.count,  # the printout has both
        "closed_meetings": closed,
        "search": finder_query(request.GET),  # for each meeting's link back to this page
    }
    return render(request, "meetings/meeting_list.html", context)


def meeting_detail(request, slug):
    search = carried_search(request)
    location = searched_place(search)
    meetings = Meeting.objects.select_related("programme", "venue")
    if location:  # how far from the place searched, as the list said
        meetings = meetings.with_distance_from(location.latitude, location.longitude)
    meeting = meetings.prefetch_related("focuses", "features").filter(slug=slug).first()
    if meeting is None:  # its address before staff changed it, printed and shared, still leads
        return moved(slug, "meetings:meeting_detail")
    context = {"meeting": meeting, "search": search, "location": location}
    if meeting.status == Status.ENDED:  # "Gone": say so, and offer others like it
        context["alternatives"] = meeting.alternatives()
        return render(request, "meetings/meeting_ended.html", context, status=410)
    response = render(request, "meetings/meeting_detail.html", context)
    if meeting.is_active:  # kept no longer than its "Next meeting" and "On now" are true
        response.keep_at_most = meeting.seconds_until_news()
    return response


def carried_search(request):
    """The search a meeting's page was opened from, which its links carry on, for the way
    back to it; "" when none, or too long to be a link anyone shares."""
    search = finder_query(request.GET)
    return "" if len(search) > MAX_REDIRECT_QUERY else search


def searched_place(search):
    """The place near which the search was made, or None."""
    near = QueryDict(search).get("near", "").strip()
    try:
        return find_location(near) if near else None
    except LocationNotFound:
        return None


def moved(slug, view_name):
    """A meeting's address before staff changed its slug, printed and shared, still leads: a
    permanent redirect to the same view at its new slug, or 404 if no meeting had it."""
    meeting = get_object_or_404(Meeting.objects.formerly_at(slug))
    return redirect(reverse_slug(view_name, meeting.slug), permanent=True)


def meeting_print(request):
    if response := redirect_to_canonical(request, today_named_too=True):
        return response
    filterset = MeetingFilter(
        request.GET,
        queryset=Meeting.objects.active().for_full_listing().with_feature_list(),
    )
    valid = filterset.is_valid()
    # "Print selected meetings" with nothing ticked: say so, rather than print everything.
    nothing_selected = bool(request.GET.get("selection")) and not request.GET.getlist("meeting")
    meetings = filterset.qs if valid and not nothing_selected else Meeting.objects.none()
    in_person = meetings.with_venue().order_by(
        "uk_weekday", "venue__town", "uk_start_time", "name", "pk"
    )
    # Near a place, online-only meetings are not in `meetings` but still worth printing.
    if filterset.location and not nothing_selected:
        online = filterset.online_meetings()
    else:
        online = meetings.online_only()
    count = in_person.count() + online.count()
    url, alone = live_url(request, filterset)
    context = {
        "filterset": filterset,
        "title": filterset.title() if valid else "Meetings",
        "count": count,
        "nothing_selected": nothing_selected,
        "too_many": count > PRINT_LIMIT,
        "limit": PRINT_LIMIT,
        "live_url": url,
        "live_page": "page" if alone else "list",
        "qr_code": qr_code_svg(url),
        "compact": request.GET.get("layout") == "compact",
        "printed": timezone.localdate(),
    }
    if 0 < count <= PRINT_LIMIT:
        context["in_person"], context["online"] = fetch_together([in_person], [online])
        context |= legend(context["in_person"] + context["online"])
    return render(request, "meetings/meeting_print.html", context)


# Visitors have no session to misuse, and a CSRF token would mean a cookie for everyone
# who opens the form. Posts from other websites are refused by their Origin and
# Sec-Fetch-Site headers instead; a rate limit, the honeypot field and staff moderation
# deal with spam.
@csrf_exempt
def meeting_report(request, slug):
    meeting = Meeting.objects.select_related("programme", "venue").filter(slug=slug).first()
    if meeting is None:
        return moved(slug, "meetings:meeting_report")
    if request.method == "POST" and abuse.is_cross_site(request):
        return render(request, "meetings/report_refused.html", status=403)
    search = carried_search(request)
    form = ChangeReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Counted once it would be kept: a visitor putting a mistake right is not refused.
        if abuse.over_report_limit(request):
            context = {"meeting": meeting, "search": search}
            return render(request, "meetings/report_too_many.html", context, status=429)
        form.instance.meeting = meeting
        form.save()
        return redirect(f"{meeting.get_absolute_url()}?reported=1{'&' if search else ''}{search}")
    context = {"meeting": meeting, "form": form, "search": search}
    return render(request, "meetings/meeting_report.html", context)
