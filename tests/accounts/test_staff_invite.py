"""Administrators invite staff; there is no public sign-up."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.messages import get_messages
from django.urls import reverse

from iop.accounts.models import Membership, Role, User
from iop.notifications.models import OutboxMessage
from tests.accounts.flows import is_signed_in, open_enrolment, sign_in
from tests.factories import member, totp_code

NEW_PASSWORD = "a-long-new-passphrase-2026"


def invite(http, program, **overrides):
    data = {
        "email": "riley.chen@clinic.test",
        "first_name": "Riley",
        "last_name": "Chen",
        "credentials": "LPC",
        "program": str(program.pk),
        "role": Role.CLINICIAN,
        **overrides,
    }
    return http.post(reverse("accounts:staff"), data)


def invitation_link(message: OutboxMessage) -> str:
    match = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def nothing_saved(users_before: int) -> bool:
    return User.objects.count() == users_before and not OutboxMessage.objects.exists()


@pytest.fixture
def administrator(staff):
    return staff[Role.ADMINISTRATOR]


def test_administrator_invites_a_clinician(administrator, program, login_as):
    response = invite(login_as(administrator), program)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:staff")
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Invitation sent to riley.chen@clinic.test."
    ]

    user = User.objects.get(email="riley.chen@clinic.test")
    assert (user.first_name, user.last_name, user.credentials) == ("Riley", "Chen", "LPC")
    assert not user.has_usable_password()
    membership = Membership.objects.get(user=user)
    assert (membership.program, membership.role) == (program, Role.CLINICIAN)
    assert membership.created_by == administrator

    message = OutboxMessage.objects.get()
    assert (message.channel, message.recipient) == ("email", "riley.chen@clinic.test")
    assert invitation_link(message)


def test_invited_person_appears_on_the_staff_page(administrator, program, login_as):
    http = login_as(administrator)
    invite(http, program)
    page = http.get(reverse("accounts:staff")).content.decode()
    assert "riley.chen@clinic.test" in page


def test_invitation_link_sets_a_password_then_stops_working(administrator, program, client):
    client.force_login(administrator)
    invite(client, program)
    link = invitation_link(OutboxMessage.objects.get())
    client.logout()

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert not form_page.context.get("token_fail")
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    done = client.post(set_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert User.objects.get(email="riley.chen@clinic.test").check_password(NEW_PASSWORD)

    again = client.get(link, follow=True)
    assert again.context["token_fail"]


def test_invited_clinician_signs_in_and_enrols_in_two_factor(
    administrator, program, client, settings, frozen_clock
):
    """The whole first day: link, password, sign-in, then the forced TOTP enrolment."""
    client.force_login(administrator)
    invite(client, program)
    link = invitation_link(OutboxMessage.objects.get())
    client.logout()
    settings.IOP_REQUIRE_MFA = True
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(set_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    sign_in(client, "riley.chen@clinic.test", NEW_PASSWORD)
    assert client.get(reverse("clients:list"))["Location"] == reverse("mfa_activate_totp")
    page = open_enrolment(client, NEW_PASSWORD)
    assert page.status_code == 200, page.get("Location")
    client.post(reverse("mfa_activate_totp"), {"code": totp_code(page.context["form"].secret)})
    user = User.objects.get(email="riley.chen@clinic.test")
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


@pytest.mark.parametrize("role", [Role.CLINICIAN, Role.DIRECTOR, Role.PROBATION])
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
