"""Failed sign-ins: a generic error, then a lockout that even the right password cannot lift.

allauth counts failures in the shared Redis cache (conftest gives each test its own keys);
settings.ACCOUNT_RATE_LIMITS["login_failed"] is "10/m/ip,5/5m/key" unless overridden.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from redis import Redis

from iop.accounts.models import Role
from tests.accounts.flows import is_signed_in
from tests.factories import PASSWORD, member

MISMATCH = "The email address and/or password you specified are not correct."
LOCKED = "Too many failed login attempts. Try again later."
ALLOWED_FAILURES = 5


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
    """Lockout behaviour does not reveal which addresses exist either."""
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
    """Ten failures a minute from one address, whatever X-Forwarded-For claims."""
    for n in range(10):
        client.post(
            reverse("account_login"),
            {"login": f"guess{n}@clinic.test", "password": "wrong-password"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )
    response = client.post(
        reverse("account_login"),
        {"login": "guess-new@clinic.test", "password": "wrong-password"},
        HTTP_X_FORWARDED_FOR="198.51.100.99",
    )
    assert form_errors(response) == [LOCKED]


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
