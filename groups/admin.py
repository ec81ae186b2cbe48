"""Programs add their own group kinds here; groups themselves are edited on the Groups pages."""

from django.contrib import admin

from groups.models import GroupKind


@admin.register(GroupKind)
class GroupKindAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "program"]
    list_filter = ["program"]
