from django.contrib import admin
from django.urls import include, path

from meetings import views as meeting_views
from meetings.exchange import views as exchange_views

urlpatterns = [
    path("", meeting_views.home, name="home"),
    path("about/", meeting_views.about, name="about"),
    path("healthz", meeting_views.healthz, name="healthz"),
    path("meetings/", include("meetings.urls")),
    path("programmes/", include("programmes.urls")),
    path("data/", exchange_views.use_our_data, name="data"),
    path("admin/", admin.site.urls),
]
