"""URLs of the family app: each part's views module lists its own patterns."""

from django.urls import URLPattern

from family.views import aftercare, groups, people, sessions

app_name = "family"

urlpatterns: list[URLPattern] = [
    *people.urlpatterns,
    *sessions.urlpatterns,
    *groups.urlpatterns,
    *aftercare.urlpatterns,
]
