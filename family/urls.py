"""URLs of the family app: each part's views module lists its own patterns."""

from django.urls import URLPattern

from family.views import people

app_name = "family"

urlpatterns: list[URLPattern] = [
    # --- the client's people, consents to them, do not contact (fam-people)
    *people.urlpatterns,
]
