"""/api/oruk/: the paths are Open Referral UK's (oruk/openapi.json), not ours to change.

The patterns have no names on purpose: tests/test_site.py checks that every named URL without
arguments is an HTML page with one <h1>, and these answer JSON. Code reverses them by view,
for example `reverse(views.api_root)`.
"""

from django.urls import path, re_path

from oruk import views

urlpatterns = [
    path("", views.api_root),
    path("openapi.json", views.openapi_document),
    path("services", views.service_list),
    path("services/<str:id>", views.service_detail),
    path("service_at_locations", views.service_at_location_list),
    path("service_at_locations/<str:id>", views.service_at_location_detail),
    path("taxonomies", views.taxonomy_list),
    path("taxonomies/<str:id>", views.taxonomy_detail),
    path("taxonomy_terms", views.taxonomy_term_list),
    path("taxonomy_terms/<str:id>", views.taxonomy_term_detail),
    re_path(r"^(?P<path>.*)$", views.not_found),  # JSON, not the site's HTML 404 page
]
