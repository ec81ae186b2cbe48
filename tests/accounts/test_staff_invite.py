"""Invitations: roles that open client records need a director; the link works once, for a
limited time, is never stored usable, and points at the clinic's own address."""

from __future__ import annotations

import datetime
import re

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from iop.accounts.models import Membership, Role, StaffInvitation, User
from iop.audit.models import AuditAction, AuditEvent
from iop.notifications.models import OutboxMessage
from iop.notifications.services import outbox_send_one
from tests.accounts.flows import is_signed_in, open_enrolment, sign_in
from tests.factories import member, totp_code

NEW_PASSWORD = "a-long-new-passphrase-2026"
EMAIL = "riley.chen@clinic.test"


def invite(http, program, **overrides):
    data = {
        "email": EMAIL,
        "first_name": "Riley",
        "last_name": "Chen",
        "credentials": "LPC",
        "program": str(program.pk),
        "role": Role.CLINICIAN,
        **overrides,
    }
    return http.post(reverse("accounts:staff"), data, **overrides.pop("headers", {}))


def sent_link(base: str = "http://127.0.0.1:8000") -> str:
    """Send the queued invitation as the worker does, and read the link in the email."""
    message = OutboxMessage.objects.get()
    assert outbox_send_one(message_id=message.pk)
    body = str(mail.outbox[-1].body)
    match = re.search(re.escape(base) + r"(/staff/invitation/\S+/)", body)
    assert match, body
    return match.group(1)


def choose_password(http, link: str):
    return http.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})


def nothing_saved(users_before: int) -> bool:
    return User.objects.count() == users_before and not OutboxMessage.objects.exists()


@pytest.fixture
def administrator(staff):
    return staff[Role.ADMINISTRATOR]


@pytest.fixture
def director(staff):
    return staff[Role.DIRECTOR]


@pytest.mark.parametrize("role", [Role.CLINICIAN, Role.DIRECTOR, Role.PROBATION, Role.INTAKE])
def test_administrators_clinical_grant_waits_for_a_director(
    role, administrator, program, login_as, client_record
):
    response = invite(login_as(administrator), program, role=role)
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        f"Invitation sent to {EMAIL}. Their role starts once a director of the program approves it."
    ]
    membership = Membership.objects.get(user__email=EMAIL)
    assert (membership.role, membership.active, membership.awaiting_approval) == (
        role,
        False,
        True,
    )
    event = AuditEvent.objects.get(action=AuditAction.ROLE_REQUESTED)
    assert (event.actor, event.program, event.object_id) == (administrator, program, membership.pk)

    # The invited person sets a password and signs in, but sees no client.
    link = sent_link()
    http = login_as(administrator)
    http.logout()
    choose_password(http, link)
    sign_in(http, EMAIL, NEW_PASSWORD)
    assert http.get(reverse("clients:list")).status_code == 403
    assert http.get(reverse("clients:chart", args=[client_record.pk])).status_code == 403


def test_administrator_invites_an_administrator_directly(administrator, program, login_as):
    invite(login_as(administrator), program, role=Role.ADMINISTRATOR)
    membership = Membership.objects.get(user__email=EMAIL)
    assert membership.active and not membership.awaiting_approval
    assert AuditEvent.objects.filter(action=AuditAction.ROLE_GRANTED, actor=administrator).exists()


def test_director_grants_a_clinical_role_directly(director, program, login_as):
    response = invite(login_as(director), program, role=Role.CLINICIAN)
    assert [str(m) for m in get_messages(response.wsgi_request)] == [f"Invitation sent to {EMAIL}."]
    membership = Membership.objects.get(user__email=EMAIL)
    assert membership.active and not membership.awaiting_approval
    event = AuditEvent.objects.get(action=AuditAction.ROLE_GRANTED)
    assert (event.actor, event.program) == (director, program)
    assert event.at is not None


def test_director_approves_then_the_person_sees_clients(
    administrator, director, program, login_as, client, client_record
):
    invite(login_as(administrator), program)
    membership = Membership.objects.get(user__email=EMAIL)
    page = login_as(director).get(reverse("accounts:staff")).content.decode()
    assert "Roles awaiting a director" in page and "Riley Chen" in page

    url = reverse("accounts:membership_decision", args=[membership.pk])
    response = client.post(url, {"decision": "approve"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.active and not membership.awaiting_approval
    assert (membership.decided_by, membership.decided_at is not None) == (director, True)
    assert AuditEvent.objects.filter(action=AuditAction.ROLE_APPROVED, actor=director).exists()

    client.force_login(membership.user)
    assert client.get(reverse("clients:list")).status_code == 200


def test_director_declines(administrator, director, program, login_as):
    invite(login_as(administrator), program)
    membership = Membership.objects.get(user__email=EMAIL)
    http = login_as(director)
    http.post(
        reverse("accounts:membership_decision", args=[membership.pk]), {"decision": "decline"}
    )
    membership.refresh_from_db()
    assert not membership.active and not membership.awaiting_approval
    assert AuditEvent.objects.filter(action=AuditAction.ROLE_DECLINED, actor=director).exists()
    assert "Declined" in http.get(reverse("accounts:staff")).content.decode()


def test_only_a_director_of_that_program_decides(
    administrator, program, other_program, login_as, client
):
    invite(login_as(administrator), program)
    membership = Membership.objects.get(user__email=EMAIL)
    url = reverse("accounts:membership_decision", args=[membership.pk])
    assert client.post(url, {"decision": "approve"}).status_code == 403  # the administrator
    client.force_login(member(Role.DIRECTOR, other_program))
    assert client.post(url, {"decision": "approve"}).status_code == 404
    membership.refresh_from_db()
    assert not membership.active and membership.awaiting_approval


def test_the_outbox_keeps_no_usable_link(administrator, program, login_as, client):
    invite(login_as(administrator), program, role=Role.ADMINISTRATOR)
    stored = OutboxMessage.objects.get().body
    assert "/staff/invitation/" not in stored and "http" not in stored
    link = sent_link()
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert token not in OutboxMessage.objects.get().body
    invitation = StaffInvitation.objects.get()
    assert token not in invitation.token_hash and len(invitation.token_hash) == 64


def test_the_email_link_uses_the_configured_address_not_the_host_header(
    administrator, program, login_as, settings
):
    settings.ALLOWED_HOSTS = ["*"]
    settings.IOP_BASE_URL = "https://clinic.example.org"
    http = login_as(administrator)
    http.post(
        reverse("accounts:staff"),
        {
            "email": EMAIL,
            "first_name": "Riley",
            "last_name": "Chen",
            "program": str(program.pk),
            "role": Role.ADMINISTRATOR,
        },
        headers={"host": "attacker.example"},
    )
    sent_link(base="https://clinic.example.org")
    assert "attacker.example" not in mail.outbox[-1].body


def test_invitation_link_sets_a_password_then_stops_working(administrator, program, login_as):
    http = login_as(administrator)
    invite(http, program)
    link = sent_link()
    http.logout()

    assert http.get(link).status_code == 200
    done = choose_password(http, link)
    assert done["Location"] == reverse("account_login")
    assert User.objects.get(email=EMAIL).check_password(NEW_PASSWORD)

    again = http.get(link).content.decode()
    assert "This link has already been used" in again
    assert 'name="new_password1"' not in again
    choose_password_again = http.post(
        link, {"new_password1": "another-passphrase-99", "new_password2": "another-passphrase-99"}
    )
    assert "already been used" in choose_password_again.content.decode()
    assert User.objects.get(email=EMAIL).check_password(NEW_PASSWORD)


def test_an_expired_link_is_refused(administrator, program, login_as, frozen_clock):
    http = login_as(administrator)
    invite(http, program)
    link = sent_link()
    http.logout()
    frozen_clock.shift(datetime.timedelta(hours=72, seconds=1))
    page = http.get(link).content.decode()
    assert "This link has expired. Ask your administrator" in page
    choose_password(http, link)
    assert not User.objects.get(email=EMAIL).has_usable_password()


def test_a_made_up_link_is_refused(client, db):
    page = client.get(reverse("accounts:invitation_accept", args=["not-a-token"]))
    assert "This link is not valid" in page.content.decode()


def test_invited_director_approved_signs_in_and_enrols_in_two_factor(
    director, program, login_as, settings, frozen_clock
):
    """The whole first day: link, password, sign-in, then the forced TOTP enrolment."""
    http = login_as(director)
    invite(http, program)
    link = sent_link()
    http.logout()
    settings.IOP_REQUIRE_MFA = True
    choose_password(http, link)

    sign_in(http, EMAIL, NEW_PASSWORD)
    assert http.get(reverse("clients:list"))["Location"] == reverse("mfa_activate_totp")
    page = open_enrolment(http, NEW_PASSWORD)
    assert page.status_code == 200, page.get("Location")
    http.post(reverse("mfa_activate_totp"), {"code": totp_code(page.context["form"].secret)})
    user = User.objects.get(email=EMAIL)
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def test_duplicate_email_is_a_field_error_and_saves_nothing(administrator, program, login_as):
    users_before = User.objects.count()
    response = invite(login_as(administrator), program, email="Clinician@Clinic.TEST")
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "Someone with this email address already has an account."
    ]
    assert nothing_saved(users_before)
    assert Membership.objects.filter(user__email="clinician@clinic.test").count() == 1


def test_cannot_invite_into_another_program(administrator, other_program, login_as):
    users_before = User.objects.count()
    response = invite(login_as(administrator), other_program)
    assert response.status_code == 200
    assert "program" in response.context["form"].errors
    assert nothing_saved(users_before)


def test_staff_page_lists_only_the_administrators_programs(administrator, other_program, login_as):
    member(Role.CLINICIAN, other_program, email="hillside.clinician@clinic.test")
    page = login_as(administrator).get(reverse("accounts:staff")).content.decode()
    assert "clinician@clinic.test" in page
    assert "hillside.clinician@clinic.test" not in page


def test_staff_page_queries_do_not_grow_with_staff(
    administrator, program, login_as, django_assert_max_num_queries
):
    http = login_as(administrator)
    for n in range(8):
        invite(http, program, email=f"new{n}@clinic.test")
    with django_assert_max_num_queries(12):
        assert http.get(reverse("accounts:staff")).status_code == 200


@pytest.mark.parametrize("role", [Role.CLINICIAN, Role.PROBATION, Role.INTAKE, Role.PRESCRIBER])
def test_other_roles_cannot_invite(role, staff, program, login_as):
    http = login_as(staff[role])
    users_before = User.objects.count()
    assert http.get(reverse("accounts:staff")).status_code == 403
    assert invite(http, program).status_code == 403
    assert nothing_saved(users_before)


def test_public_sign_up_is_closed(client, db):
    page = client.get(reverse("account_signup"))
    assert page.status_code == 200
    assert "closed" in page.content.decode().lower()
    client.post(
        reverse("account_signup"),
        {"email": "walk.in@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert not User.objects.filter(email="walk.in@example.org").exists()
    assert not is_signed_in(client)


def test_directors_audit_log_shows_who_asked_for_the_role(
    administrator, director, program, login_as
):
    invite(login_as(administrator), program)
    page = login_as(director).get(reverse("audit:log")).content.decode()
    assert "Role awaiting a director&#x27;s approval" in page
    assert f"Clinician for Riley Chen ({EMAIL}), awaiting a director&#x27;s approval" in page


def test_a_single_program_is_chosen_for_the_inviter(program, staff, login_as):
    page = login_as(staff[Role.DIRECTOR]).get(reverse("accounts:staff")).content.decode()
    assert f'<option value="{program.pk}" selected>' in page
    assert "Select an option" not in page
