"""Two-factor sign-in is mandatory for staff when IOP_REQUIRE_MFA is on (production)."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.messages import get_messages
from django.urls import reverse

from iop.accounts.models import Role, User
from tests.accounts.flows import is_signed_in, open_enrolment, sign_in
from tests.factories import PASSWORD, member, totp_code, totp_enrol

CLINICAL_PAGES = [
    (Role.DIRECTOR, "home"),
    (Role.DIRECTOR, "clients:list"),
    (Role.DIRECTOR, "scheduling:today"),
    (Role.DIRECTOR, "dashboard:census"),
    (Role.DIRECTOR, "audit:log"),
    (Role.INTAKE, "clients:list"),
    (Role.ADMINISTRATOR, "accounts:staff"),
    (Role.PROBATION, "reports:disclosed"),
]


@pytest.fixture(autouse=True)
def _mfa_required(settings):
    settings.IOP_REQUIRE_MFA = True


@pytest.mark.parametrize(("role", "page"), CLINICAL_PAGES)
def test_staff_without_an_authenticator_are_sent_to_enrol(role, page, program, client):
    user = member(role, program)
    sign_in(client, user.email)
    response = client.get(reverse(page))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_client_chart_also_sends_to_enrolment(program, client_record, client):
    user = member(Role.CLINICIAN, program)
    sign_in(client, user.email)
    response = client.get(reverse("clients:chart", args=[client_record.pk]))
    assert response["Location"] == reverse("mfa_activate_totp")


def test_enrolment_page_opens_after_a_fresh_sign_in(program, client):
    """No redirect loop: the page the middleware sends people to must open."""
    user = member(Role.CLINICIAN, program)
    sign_in(client, user.email)
    response = open_enrolment(client)
    assert response.status_code == 200
    assert "code" in response.context["form"].fields


def test_new_staff_member_enrols_then_signs_in_with_a_code(program, client, frozen_clock):
    user = member(Role.CLINICIAN, program)
    # The invitation's password link leaves allauth an unverified address on file.
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
    sign_in(client, user.email)
    assert client.get(reverse("clients:list"))["Location"] == reverse("mfa_activate_totp")

    page = open_enrolment(client)
    assert page.status_code == 200, page.get("Location")
    secret = page.context["form"].secret
    enrolled = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert enrolled.status_code == 302, enrolled.content.decode()[:2000]
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

    # This session began with a password only: the next clinical page asks for both factors.
    response = client.get(reverse("clients:list"))
    assert response["Location"] == reverse("account_login")
    assert not is_signed_in(client)

    frozen_clock.shift(30)
    assert sign_in(client, user.email, next_url="/clients/") == reverse("mfa_authenticate")
    done = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert done["Location"] == "/clients/"
    assert client.get(reverse("clients:list")).status_code == 200


def test_enrolled_user_reaches_the_page_after_password_and_code(program, client, frozen_clock):
    user = member(Role.CLINICIAN, program)
    secret = totp_enrol(user)
    assert sign_in(client, user.email, next_url="/clients/") == reverse("mfa_authenticate")
    assert not is_signed_in(client)

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response["Location"] == "/clients/"
    assert client.get(reverse("clients:list")).status_code == 200


def test_wrong_code_does_not_sign_in(program, client, frozen_clock):
    user = member(Role.CLINICIAN, program)
    secret = totp_enrol(user)
    sign_in(client, user.email)
    wrong = f"{(int(totp_code(secret)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("mfa_authenticate"), {"code": wrong})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not is_signed_in(client)
    assert client.get(reverse("clients:list"))["Location"].startswith(reverse("account_login"))


def test_skipping_the_code_step_leaves_the_user_signed_out(program, client):
    user = member(Role.CLINICIAN, program)
    totp_enrol(user)
    sign_in(client, user.email)
    response = client.get(reverse("clients:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not is_signed_in(client)


def test_session_that_never_passed_mfa_is_signed_out(program, client):
    """force_login stands for any sign-in path that skipped allauth's MFA stage."""
    user = member(Role.CLINICIAN, program)
    totp_enrol(user)
    client.force_login(user)
    response = client.get(reverse("clients:list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")
    assert not is_signed_in(client)
    assert any("authenticator" in str(m) for m in get_messages(response.wsgi_request))


def test_account_pages_stay_open_while_enrolment_is_pending(program, client):
    user = member(Role.CLINICIAN, program)
    sign_in(client, user.email)
    assert client.get(reverse("mfa_index")).status_code == 200
    assert client.get(reverse("session_status")).status_code == 200


def test_admin_login_is_allauths_login(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")


def test_admin_login_form_cannot_bypass_mfa(client, db):
    """Posting credentials straight to the admin's own form signs nobody in."""
    admin = User.objects.create_superuser("root@clinic.test", PASSWORD)
    totp_enrol(admin)
    response = client.post(reverse("admin:login"), {"username": admin.email, "password": PASSWORD})
    assert response["Location"].startswith(reverse("account_login"))
    assert not is_signed_in(client)


def test_admin_reached_through_allauth_with_a_code(client, db, frozen_clock):
    admin = User.objects.create_superuser("root@clinic.test", PASSWORD)
    secret = totp_enrol(admin)
    assert sign_in(client, admin.email, next_url="/admin/") == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_mfa_off_lets_a_password_only_session_in(settings, program, client):
    """The demo switch: with IOP_REQUIRE_MFA off nobody is sent to enrol."""
    settings.IOP_REQUIRE_MFA = False
    user = member(Role.CLINICIAN, program)
    sign_in(client, user.email)
    assert client.get(reverse("clients:list")).status_code == 200
