"""Programs add their own group kinds here; groups themselves are edited on the Groups pages."""

from django.contrib import admin

from groups.models import GroupKind
from iop.accounts.admin import ProgramScopedAdmin


@admin.register(GroupKind)
class GroupKindAdmin(ProgramScopedAdmin):
    list_display = ["name", "code", "program"]
    list_filter = ["program"]
