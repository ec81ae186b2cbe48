"""URLs of the family app: each part's views module lists its own patterns."""

from django.urls import URLPattern

from family.views import aftercare, groups, sessions

app_name = "family"

urlpatterns: list[URLPattern] = [
    *sessions.urlpatterns,
    *groups.urlpatterns,
    *aftercare.urlpatterns,
]
