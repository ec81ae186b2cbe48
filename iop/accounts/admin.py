from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from iop.accounts.models import Membership, Program, User


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    fields = [
        "program",
        "role",
        "active",
        "notes_need_cosign",
        "supervisor",
        "on_call_for_safety_alerts",
    ]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
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


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "time_zone", "asam_edition", "plan_review_days", "idle_timeout_minutes"]
