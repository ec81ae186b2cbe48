"""The Django admin as the administrator role uses it, and what nobody sees there."""

from __future__ import annotations

from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.db import connection
from django.urls import reverse

from iop.accounts.models import Membership, Program, Role, User
from iop.audit.models import AuditAction, AuditEvent
from tests.factories import member, totp_enrol

ADMINISTRATOR_PAGES = [
    "admin:accounts_program_changelist",
    "admin:accounts_user_changelist",
    "admin:scheduling_room_changelist",
    "admin:groups_groupkind_changelist",
]


@pytest.fixture
def administrator(staff):
    user = staff[Role.ADMINISTRATOR]
    user.is_staff = True
    user.save()
    return user


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("root@clinic.test", "a-long-root-passphrase-1")


def form_data(page: Any, **changes: Any) -> dict[str, Any]:
    """What the browser posts back from an admin change form, with `changes` typed in."""
    form = page.context["adminform"].form
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None:
            continue
        data[name] = value.strftime("%H:%M") if hasattr(value, "strftime") else value
    data.update(changes)
    return {k: v for k, v in data.items() if v is not False}


def program_change(http: Any, program: Program, **changes: Any) -> Any:
    url = reverse("admin:accounts_program_change", args=[program.pk])
    return http.post(url, form_data(http.get(url), **changes))


def test_administrator_opens_the_pages_their_role_needs(administrator, program, login_as):
    http = login_as(administrator)
    for name in ADMINISTRATOR_PAGES:
        assert http.get(reverse(name)).status_code == 200, name
    assert http.get(reverse("admin:accounts_program_change", args=[program.pk])).status_code == 200
    index = http.get(reverse("admin:index")).content.decode()
    for label in ["Programs", "Users", "Rooms", "Group kinds"]:
        assert label in index
    assert "Service codes" not in index and "Authenticator" not in index


def test_administrator_sees_only_their_own_programs(administrator, other_program, login_as):
    http = login_as(administrator)
    url = reverse("admin:accounts_program_change", args=[other_program.pk])
    assert http.get(url).status_code == 302  # the admin's "not found": back to the list
    assert (
        other_program.name
        not in http.get(reverse("admin:accounts_program_changelist")).content.decode()
    )


def test_administrator_cannot_edit_roles_or_take_over_an_account(administrator, staff, login_as):
    http = login_as(administrator)
    director = staff[Role.DIRECTOR]
    page = http.get(reverse("admin:accounts_user_change", args=[director.pk]))
    form = page.context["adminform"].form
    assert {"email", "is_superuser", "is_staff", "password"}.isdisjoint(form.fields)
    password_url = reverse("admin:auth_user_password_change", args=[director.pk])
    assert http.get(password_url).status_code == 403
    roles = page.context["inline_admin_formsets"][0]
    assert not roles.has_add_permission and not roles.has_change_permission
    assert "Program director" in page.content.decode()


def test_nobody_sees_history_or_authenticators_in_the_admin(superuser, login_as):
    totp_enrol(superuser)
    http = login_as(superuser)
    index = http.get(reverse("admin:index")).content.decode()
    assert "Events" not in index and "Authenticator" not in index
    assert http.get("/admin/pghistory/events/").status_code == 404
    assert http.get("/admin/mfa/authenticator/").status_code == 404


def test_program_setting_change_is_an_audit_event(administrator, program, login_as):
    response = program_change(login_as(administrator), program, idle_timeout_minutes=20)
    assert response.status_code == 302, response.context["adminform"].form.errors
    program.refresh_from_db()
    assert program.idle_timeout_minutes == 20
    event = AuditEvent.objects.get(action=AuditAction.PROGRAM_SETTINGS_CHANGED)
    assert (event.actor, event.program, event.at is not None) == (administrator, program, True)
    assert "idle timeout minutes" in event.summary


@pytest.mark.parametrize(
    ("minutes", "message"),
    [
        (0, "Sign staff out after at least 5 minutes, or they lose work mid-note."),
        (
            999,
            "Sign staff out after at most 60 minutes, so an unattended screen does not "
            "stay open on a client's record.",
        ),
    ],
)
def test_idle_timeout_outside_5_to_60_minutes_is_refused(
    minutes, message, administrator, program, login_as
):
    response = program_change(login_as(administrator), program, idle_timeout_minutes=minutes)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["idle_timeout_minutes"] == [message]
    program.refresh_from_db()
    assert program.idle_timeout_minutes == 15
    assert not AuditEvent.objects.filter(action=AuditAction.PROGRAM_SETTINGS_CHANGED).exists()


def _history_rows(table: str, column: str, value: Any) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table} WHERE {column} = %s", [value])  # noqa: S608
        return cursor.fetchone()[0]


def test_users_memberships_and_programs_keep_change_history(program, staff):
    user = staff[Role.CLINICIAN]
    user.last_name = "Okafor-Reyes"
    user.save()
    membership = Membership.objects.get(user=user)
    membership.active = False
    membership.save()
    program.plan_review_days = 28
    program.save()
    assert User.pgh_event_model.objects.filter(pgh_obj=user, last_name="Okafor-Reyes").exists()
    assert Membership.pgh_event_model.objects.filter(pgh_obj=membership, active=False).exists()
    assert Program.pgh_event_model.objects.filter(pgh_obj=program, plan_review_days=28).exists()
    # The password hash never lands in the history table.
    assert "password" not in {f.name for f in User.pgh_event_model._meta.fields}


def test_totp_secret_is_stored_encrypted(program):
    user = member(Role.CLINICIAN, program)
    secret = totp_enrol(user)
    with connection.cursor() as cursor:
        cursor.execute("SELECT data::text FROM mfa_authenticator WHERE user_id = %s", [user.pk])
        stored = [row[0] for row in cursor.fetchall()]
    assert stored and all(secret not in row for row in stored)
    totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    assert totp.wrap().validate_code  # allauth reads it back through the adapter
