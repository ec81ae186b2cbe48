"""Sign-in limits: a generic error, a per-account lockout that even the right password cannot
lift, a per-address limit on failures (429), and room for a whole clinic behind one address.

allauth counts in the shared Redis cache (conftest gives each test its own keys). The limits
are settings (IOP_FAILED_SIGN_IN_LIMIT_PER_ACCOUNT "5/5m", IOP_FAILED_SIGN_IN_LIMIT_PER_ADDRESS
"20/m", IOP_SIGN_IN_LIMIT_PER_ADDRESS "200/m").
"""

from __future__ import annotations

import time

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from redis import Redis

from iop.accounts.models import Role
from tests.accounts.flows import is_signed_in
from tests.factories import PASSWORD, member

MISMATCH = "The email address and/or password you specified are not correct."
LOCKED = "Too many failed login attempts. Try again later."
ALLOWED_FAILURES = 5  # per account
FAILURES_PER_ADDRESS = 20
TOO_MANY = 429


@pytest.fixture
def clinician(program):
    return member(Role.CLINICIAN, program, email="sam.okafor@clinic.test")


def attempt(client, email: str, password: str):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def form_errors(response) -> list[str]:
    return list(response.context["form"].non_field_errors())


def test_wrong_password_gets_a_generic_error(client, clinician):
    response = attempt(client, clinician.email, "wrong-password-1")
    assert response.status_code == 200
    assert form_errors(response) == [MISMATCH]
    assert not is_signed_in(client)


def test_unknown_email_gets_the_same_answer_as_a_wrong_password(client, clinician):
    """Nothing on the page tells whether someone with that address works here."""
    known = attempt(client, clinician.email, "wrong-password-1")
    unknown = attempt(client, "nobody.here@clinic.test", "wrong-password-1")
    assert form_errors(known) == form_errors(unknown) == [MISMATCH]
    assert known.status_code == unknown.status_code == 200
    assert dict(unknown.context["form"].errors) == dict(known.context["form"].errors)


def test_repeated_failures_lock_the_account_out(client, clinician):
    for n in range(ALLOWED_FAILURES):
        response = attempt(client, clinician.email, f"wrong-password-{n}")
        assert form_errors(response) == [MISMATCH], f"attempt {n + 1}"
    locked = attempt(client, clinician.email, "wrong-password-again")
    assert form_errors(locked) == [LOCKED]
    assert LOCKED in locked.content.decode()


def test_right_password_is_refused_during_the_lockout(client, clinician):
    for n in range(ALLOWED_FAILURES):
        attempt(client, clinician.email, f"wrong-password-{n}")
    response = attempt(client, clinician.email, PASSWORD)
    assert response.status_code == 200
    assert form_errors(response) == [LOCKED]
    assert not is_signed_in(client)


def test_lockout_is_per_account(client, clinician, program):
    """Another colleague at the same desk can still sign in."""
    colleague = member(Role.INTAKE, program)
    for n in range(ALLOWED_FAILURES):
        attempt(client, clinician.email, f"wrong-password-{n}")
    response = attempt(client, colleague.email, PASSWORD)
    assert response.status_code == 302
    assert is_signed_in(client)


def test_unknown_email_locks_out_the_same_way(client, db):
    """Lockout behavior does not reveal which addresses exist either."""
    for n in range(ALLOWED_FAILURES):
        attempt(client, "nobody.here@clinic.test", f"wrong-password-{n}")
    assert form_errors(attempt(client, "nobody.here@clinic.test", "x" * 12)) == [LOCKED]


def test_successful_sign_in_before_the_limit_works(client, clinician):
    for n in range(ALLOWED_FAILURES - 1):
        attempt(client, clinician.email, f"wrong-password-{n}")
    response = attempt(client, clinician.email, PASSWORD)
    assert response.status_code == 302
    assert is_signed_in(client)


def test_forged_forwarded_for_does_not_escape_the_per_address_limit(client, db):
    """With no trusted proxy (the default), X-Forwarded-For is whatever the browser sent."""
    for n in range(FAILURES_PER_ADDRESS):
        response = client.post(
            reverse("account_login"),
            {"login": f"guess{n}@clinic.test", "password": "wrong-password"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )
        assert form_errors(response) == [MISMATCH], f"attempt {n + 1}"
    response = client.post(
        reverse("account_login"),
        {"login": "guess-new@clinic.test", "password": "wrong-password"},
        HTTP_X_FORWARDED_FOR="198.51.100.99",
    )
    assert response.status_code == TOO_MANY


def test_without_a_proxy_each_socket_address_has_its_own_limit(db, program):
    colleague = member(Role.INTAKE, program)
    attacker = Client(REMOTE_ADDR="192.0.2.10")
    for n in range(FAILURES_PER_ADDRESS + 1):
        last = attempt(attacker, f"guess{n}@clinic.test", "wrong-password")
    assert last.status_code == TOO_MANY
    elsewhere = Client(REMOTE_ADDR="192.0.2.11")
    assert attempt(elsewhere, colleague.email, PASSWORD).status_code == 302


def test_lockout_holds_for_a_fresh_browser(client, clinician):
    """Clearing cookies does not reset the count."""
    for n in range(ALLOWED_FAILURES):
        attempt(client, clinician.email, f"wrong-password-{n}")
    fresh = Client()
    assert form_errors(attempt(fresh, clinician.email, PASSWORD)) == [LOCKED]


def test_failures_are_counted_in_redis_shared_by_all_web_workers(client, clinician, settings):
    """A per-process (locmem) count would let each gunicorn worker allow its own five."""
    for n in range(ALLOWED_FAILURES):
        attempt(client, clinician.email, f"wrong-password-{n}")
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    redis = Redis.from_url(settings.REDIS_URL)
    keys = [k.decode() for k in redis.scan_iter(count=1000) if k.decode().startswith(prefix)]
    assert any("login_failed" in key for key in keys), keys


# ---------------------------------------------------------------- a clinic behind one address


def test_fifty_staff_sign_in_from_one_address_within_a_minute(program):
    """The start of the day at a clinic whose staff share one NAT address (allauth's default
    of 30 sign-ins a minute per address refused 20 of these)."""
    staff = [member(Role.CLINICIAN, program) for _ in range(50)]
    with time_machine.travel(time.time(), tick=False):  # all within the same instant
        answers = [attempt(Client(), person.email, PASSWORD).status_code for person in staff]
    assert answers == [302] * 50


def test_repeated_failures_from_one_address_get_429(client, program):
    """Guessing across many accounts (password spraying) is stopped at the address."""
    for n in range(FAILURES_PER_ADDRESS):
        response = attempt(client, f"person{n}@clinic.test", "Spring2026!")
        assert form_errors(response) == [MISMATCH], f"attempt {n + 1}"
    refused = attempt(client, "person-next@clinic.test", "Spring2026!")
    assert refused.status_code == TOO_MANY
    assert "Too many attempts" in refused.content.decode()


def test_failures_on_one_account_from_many_addresses_lock_it(clinician, settings):
    """Behind the proxy each attempt comes from a different address; the account still locks."""
    settings.IOP_TRUSTED_PROXY_COUNT = 1
    for n in range(ALLOWED_FAILURES):
        http = Client(HTTP_X_FORWARDED_FOR=f"203.0.113.{n + 1}")
        assert form_errors(attempt(http, clinician.email, f"wrong-{n}")) == [MISMATCH]
    fresh = Client(HTTP_X_FORWARDED_FOR="203.0.113.200")
    response = attempt(fresh, clinician.email, PASSWORD)
    assert form_errors(response) == [LOCKED]
    assert not is_signed_in(fresh)


def test_colleague_behind_the_same_address_signs_in_while_one_account_is_attacked(
    client, clinician, program
):
    """Attempts on a locked account are refused unchecked and use none of the address's
    budget, so hammering one account does not lock the whole clinic out."""
    colleague = member(Role.INTAKE, program)
    for n in range(ALLOWED_FAILURES + FAILURES_PER_ADDRESS):
        attempt(client, clinician.email, f"wrong-password-{n}")
    assert form_errors(attempt(client, clinician.email, PASSWORD)) == [LOCKED]
    response = attempt(Client(), colleague.email, PASSWORD)
    assert response.status_code == 302


def test_correct_sign_ins_do_not_use_up_the_failure_limit(client, program):
    """Each attempt is counted before the password is checked and given back when it was
    right, so a busy address never reaches the failure limit by signing in."""
    staff = [member(Role.CLINICIAN, program) for _ in range(FAILURES_PER_ADDRESS + 1)]
    for person in staff:
        assert attempt(Client(), person.email, PASSWORD).status_code == 302
    assert form_errors(attempt(client, "someone@clinic.test", "wrong")) == [MISMATCH]


def test_the_admin_sign_in_is_no_way_around_the_limits(client, clinician):
    """The Django admin's own form is replaced by allauth's (secure_admin_login): a password
    posted to it signs nobody in and is not checked."""
    for n in range(ALLOWED_FAILURES):
        attempt(client, clinician.email, f"wrong-password-{n}")
    response = client.post(
        reverse("admin:login"), {"username": clinician.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not is_signed_in(client)
