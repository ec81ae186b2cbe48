"""Drug screen panels in the admin, for directors (MANAGE_SCREEN_PANELS) and superusers.

Saving a version that any specimen uses never changes it: relapse_prevention.services.panels
makes the next version with the edits and retires the old one, so old results keep the
cut-offs they were read against. Nothing here is ever deleted.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import Model
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from iop.accounts import permissions
from iop.medications.classes import DrugClass
from relapse_prevention.models import PanelAnalyte, ScreenPanel
from relapse_prevention.services.panels import (
    ANALYTE_FIELDS,
    PANEL_FIELDS,
    panel_in_use,
    panel_revise,
)


def manages_panels(request: HttpRequest) -> bool:
    user = request.user
    if not (user.is_active and user.is_staff):
        return False
    return bool(user.is_superuser) or bool(
        permissions.program_ids_with(user, permissions.MANAGE_SCREEN_PANELS)
    )


class PanelAnalyteForm(forms.ModelForm):
    explained_by = forms.MultipleChoiceField(
        choices=DrugClass.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Explained by",
        help_text="Medication classes whose use this analyte detects.",
    )

    class Meta:
        model = PanelAnalyte
        fields = ANALYTE_FIELDS

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for name in ("screen_cutoff", "confirmation_cutoff"):
            value = data.get(name)
            if value is not None and value <= 0:
                self.add_error(name, "A cut-off must be above zero.")
        return data


class AnalyteFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        seen: set[str] = set()
        for form in self.forms:
            code = getattr(form, "cleaned_data", {}).get("code")
            if not code:
                continue
            if code in seen:
                form.add_error("code", "This analyte code is already in the panel.")
            seen.add(code)


class PanelAnalyteInline(admin.TabularInline):
    model = PanelAnalyte
    form = PanelAnalyteForm
    formset = AnalyteFormSet
    extra = 1
    can_delete = False

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return manages_panels(request)

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return manages_panels(request) and not (obj is not None and obj.retired)  # type: ignore[attr-defined]

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self.has_add_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(ScreenPanel)
class ScreenPanelAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "version", "effective_from", "retired", "specimen_type"]
    list_filter = ["retired", "code"]
    ordering = ["code", "-version"]
    fields = ["code", "version", *PANEL_FIELDS, "retired"]
    inlines = [PanelAnalyteInline]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return manages_panels(request)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return manages_panels(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return manages_panels(request)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        # A retired version is kept as it was: it opens read-only.
        return manages_panels(request) and not (obj is not None and obj.retired)  # type: ignore[attr-defined]

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> Any:
        # The code and version name a panel's history; versions are made by saving.
        return ["version", "retired"] if obj is None else ["code", "version", "retired"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:
            return  # saved with its analytes in save_related, through panel_revise
        obj.version = 1
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        if not change:
            super().save_related(request, form, formsets, change)
            return
        panel = ScreenPanel.objects.get(pk=form.instance.pk)
        rows = []
        for formset in formsets:
            for inline in formset.forms:
                data = getattr(inline, "cleaned_data", None)
                if not data or (inline.instance.pk is None and not inline.has_changed()):
                    continue
                rows.append({**{n: data.get(n) for n in ANALYTE_FIELDS}, "id": inline.instance.pk})
            # Saved below through panel_revise; the admin's history message reads these.
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        used = panel_in_use(panel)
        # The forms refused bad cut-offs and duplicate codes already; the service checks again.
        saved = panel_revise(
            panel, fields={n: form.cleaned_data[n] for n in PANEL_FIELDS}, analytes=rows
        )
        request._panel_saved = saved  # type: ignore[attr-defined]
        if used:
            messages.info(
                request,
                f"Version {panel.version} is used by recorded screens, so it was kept as it "
                f"was and retired; your changes are version {saved.version}.",
            )

    def response_change(self, request: HttpRequest, obj: Any) -> HttpResponse:
        saved = getattr(request, "_panel_saved", obj)
        if saved.pk != obj.pk:
            return HttpResponseRedirect(
                reverse("admin:relapse_prevention_screenpanel_change", args=[saved.pk])
            )
        return super().response_change(request, obj)
