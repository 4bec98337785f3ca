from django.urls import path

from meetings import views
from meetings.exchange import views as exchange_views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="meeting_list"),
    path("print/", views.meeting_print, name="meeting_print"),  # before the slugs
    path("feed.json", exchange_views.meeting_feed, name="meeting_feed"),
    path("export.csv", exchange_views.meeting_csv, name="meeting_csv"),
    path("calendar.ics", exchange_views.meeting_list_calendar, name="meeting_list_calendar"),
    path("<slug:slug>/", views.meeting_detail, name="meeting_detail"),
    path("<slug:slug>/report/", views.meeting_report, name="meeting_report"),
    path("<slug:slug>/calendar.ics", exchange_views.meeting_calendar, name="meeting_calendar"),
]
