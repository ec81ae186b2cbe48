"""The admin, as the administrator role uses it: programs, rooms, group kinds and staff.

Staff users who hold the administrator role in a program see exactly those pages, scoped
to their programs. Roles are granted on the Staff page (a clinical role needs a director),
so memberships are shown here but not edited. History and two-factor secrets are never
shown in the admin (iop/urls.py removes allauth's authenticator page).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from iop.accounts import permissions
from iop.accounts.models import Membership, Program, User
from iop.accounts.services import program_settings_record


def administered_program_ids(request: HttpRequest) -> set[Any]:
    return permissions.program_ids_with(request.user, permissions.MANAGE_SETTINGS)


def is_program_administrator(request: HttpRequest) -> bool:
    return bool(request.user.is_active and request.user.is_staff) and bool(
        administered_program_ids(request)
    )


# Capabilities that open the admin for the few pages they need (e.g. a director's drug
# screen panels); each app's ModelAdmin checks its own capability.
ADMIN_CAPABILITIES = (permissions.MANAGE_SETTINGS, permissions.MANAGE_SCREEN_PANELS)


def admin_site_has_permission(request: HttpRequest) -> bool:
    """The admin opens for superusers, program administrators and the holders of an
    ADMIN_CAPABILITIES capability; a staff flag alone on any other role opens nothing."""
    return bool(request.user.is_active and request.user.is_staff) and (
        request.user.is_superuser
        or any(permissions.program_ids_with(request.user, c) for c in ADMIN_CAPABILITIES)
    )


class ProgramScopedAdmin(admin.ModelAdmin):
    """Superusers keep Django's model permissions; an administrator gets these pages for
    the programs they administer, and nothing else in the admin."""

    program_path = "program"

    def _admin(self, request: HttpRequest) -> bool:
        return request.user.is_superuser or is_program_administrator(request)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._admin(request)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._admin(request)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._admin(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._admin(request)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        # Programs, rooms and kinds are referenced by clinical records: deactivate instead.
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.program_path}__in": administered_program_ids(request)})

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "program" and not request.user.is_superuser:
            kwargs["queryset"] = Program.objects.filter(pk__in=administered_program_ids(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    can_delete = False
    fields = ("program", "role", "active", "awaiting_approval", "supervisor")
    readonly_fields = fields
    verbose_name_plural = "Roles (granted on the Staff page)"

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return request.user.is_superuser or is_program_administrator(request)

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(User)
class UserAdmin(DjangoUserAdmin, ProgramScopedAdmin):  # type: ignore[misc]
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Name", {"fields": ("first_name", "last_name", "credentials")}),
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = DjangoUserAdmin.get_queryset(self, request)
        if request.user.is_superuser:
            return queryset
        programs = administered_program_ids(request)
        return queryset.filter(memberships__program__in=programs).distinct()

    def has_add_permission(self, request: HttpRequest) -> bool:
        # People join through an invitation on the Staff page, with its role checks.
        return bool(request.user.is_superuser)

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> Any:
        if request.user.is_superuser:
            return ()
        # An administrator corrects names; the sign-in address, password and admin rights
        # stay out of reach, or they could take over a director's account.
        return ("email", "password", "is_staff", "is_superuser")

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> Any:
        if not request.user.is_superuser:
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        return super().user_change_password(request, id, form_url)


@admin.register(Program)
class ProgramAdmin(ProgramScopedAdmin):
    program_path = "pk"
    list_display = ["name", "time_zone", "asam_edition", "plan_review_days", "idle_timeout_minutes"]
    exclude = ["created_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = admin.ModelAdmin.get_queryset(self, request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(pk__in=administered_program_ids(request))

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change:
            by = request.user
            assert isinstance(by, User)  # the admin opens only for signed-in staff
            program_settings_record(program=obj, changed=form.changed_data, by=by)
