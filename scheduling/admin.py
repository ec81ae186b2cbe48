"""Reference data a program administrator keeps: rooms and service codes (directors also
keep the codes on their own page). Tracks, sessions and notes have their own pages (with
the checks the services make), so they are not edited here."""

from django import forms
from django.contrib import admin

from iop.accounts.admin import ProgramScopedAdmin
from scheduling.models import BILLED_KINDS, Room, ServiceCode


@admin.register(Room)
class RoomAdmin(ProgramScopedAdmin):
    list_display = ["name", "program", "capacity", "active"]
    list_filter = ["program", "active"]


class ServiceCodeAdminForm(forms.ModelForm):
    kinds = forms.MultipleChoiceField(choices=BILLED_KINDS, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = ServiceCode
        fields = ["program", "code", "label", "kinds", "active"]


@admin.register(ServiceCode)
class ServiceCodeAdmin(admin.ModelAdmin):
    form = ServiceCodeAdminForm
    list_display = ["code", "label", "program", "active"]
    list_filter = ["program", "active"]
    search_fields = ["code", "label"]
