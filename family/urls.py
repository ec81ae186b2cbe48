"""URLs of the family app: each part's views module lists its own patterns."""

from django.urls import URLPattern

app_name = "family"

urlpatterns: list[URLPattern] = []
