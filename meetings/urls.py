from django.urls import path

from meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="meeting_list"),
    path("print/", views.meeting_print, name="meeting_print"),  # before the slugs
    path("<slug:slug>/", views.meeting_detail, name="meeting_detail"),
    path("<slug:slug>/report/", views.meeting_report, name="meeting_report"),
]
