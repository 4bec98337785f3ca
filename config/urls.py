from django.contrib import admin
from django.shortcuts import render
from django.urls import include, path

from config.admin_login import ThrottledAdminLoginForm
from meetings import views as meeting_views
from meetings.exchange import views as exchange_views
from oruk import views as oruk_views

admin.site.login_form = ThrottledAdminLoginForm

urlpatterns = [
    path("", meeting_views.home, name="home"),
    path("about/", meeting_views.about, name="about"),
    path("healthz", meeting_views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico whatever the page says; answer rather than 404.
    path("favicon.ico", meeting_views.favicon),
    path("meetings/", include("meetings.urls")),
    path("programmes/", include("programmes.urls")),
    path("data/", exchange_views.use_our_data, name="data"),
    path("data/open-referral-uk/", oruk_views.guide, name="open_referral_uk"),
    path("api/oruk/", include("oruk.urls")),
    path("admin/", admin.site.urls),
]


def bad_request(request, exception):
    """A request Django refuses to read (over 1,000 parameters, say), answered in words: in
    JSON under the API, as its other errors are; as a page elsewhere."""
    if request.path.startswith("/api/"):
        message = "The request cannot be read: it has too many parameters, or one we cannot use."
        return oruk_views.error(400, message)
    return render(request, "400.html", status=400)


handler400 = bad_request
