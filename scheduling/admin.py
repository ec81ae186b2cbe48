"""Reference data a program administrator keeps: rooms. Tracks, sessions and notes have
their own pages (with the checks the services make), so they are not edited here."""

from django.contrib import admin

from scheduling.models import Room


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "program", "capacity", "active"]
    list_filter = ["program", "active"]
