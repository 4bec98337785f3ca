from django.urls import path

from programmes import views

app_name = "programmes"
urlpatterns = [
    path("", views.programme_list, name="programme_list"),
    path("compare/", views.programme_compare, name="programme_compare"),
    path("guide/", views.programme_guide, name="programme_guide"),
    path("<slug:slug>/", views.programme_detail, name="programme_detail"),
]
