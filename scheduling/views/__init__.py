"""Views of the program day; each module lists its own urlpatterns."""
