"""Idle logoff: the program's idle time ends a session; the warning's polling does not renew it."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from iop.accounts.middleware import LAST_ACTIVITY_KEY
from iop.accounts.models import Role
from tests.accounts.flows import is_signed_in
from tests.factories import member


@pytest.fixture
def clinician(program):
    return member(Role.CLINICIAN, program)


def set_last_activity(http, seconds_ago: float) -> float:
    session = http.session
    session[LAST_ACTIVITY_KEY] = time.time() - seconds_ago
    session.save()
    return session[LAST_ACTIVITY_KEY]


def test_idle_session_is_signed_out_and_told_why(clinician, login_as):
    http = login_as(clinician)
    set_last_activity(http, 15 * 60 + 5)
    response = http.get(reverse("clients:list"))
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == reverse("account_login")
    assert parse_qs(location.query)["next"] == ["/clients/"]
    assert not is_signed_in(http)
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == ["You were signed out after a period of inactivity."]


def test_message_shows_on_the_sign_in_page(clinician, login_as):
    http = login_as(clinician)
    set_last_activity(http, 16 * 60)
    page = http.get(reverse("clients:list"), follow=True)
    assert page.status_code == 200
    assert "signed out after a period of inactivity" in page.content.decode()


def test_after_sign_in_the_user_returns_to_their_search(clinician, login_as):
    """The query string survives, encoded, so `next` cannot be split into two parameters."""
    http = login_as(clinician)
    set_last_activity(http, 16 * 60)
    response = http.get("/clients/?q=smith&status=all")
    query = parse_qs(urlsplit(response["Location"]).query)
    assert query["next"] == ["/clients/?q=smith&status=all"]


def test_recent_activity_keeps_the_session(clinician, login_as):
    http = login_as(clinician)
    set_last_activity(http, 14 * 60)
    assert http.get(reverse("clients:list")).status_code == 200
    assert is_signed_in(http)


def test_programs_own_idle_time_applies(program, clinician, login_as):
    program.idle_timeout_minutes = 5
    program.save()
    http = login_as(clinician)
    set_last_activity(http, 6 * 60)  # within the 15-minute default, past the program's 5
    response = http.get(reverse("clients:list"))
    assert response["Location"].startswith(reverse("account_login"))
    assert not is_signed_in(http)


def test_htmx_request_is_told_to_go_to_sign_in(clinician, login_as):
    http = login_as(clinician)
    set_last_activity(http, 16 * 60)
    response = http.get(reverse("clients:list"), headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("account_login")
    assert not is_signed_in(http)


def test_session_status_does_not_count_as_activity(clinician, login_as):
    http = login_as(clinician)
    before = set_last_activity(http, 10 * 60)
    response = http.get(reverse("session_status"))
    assert response.status_code == 200
    assert 4 * 60 < response.json()["seconds_remaining"] <= 5 * 60
    assert http.session[LAST_ACTIVITY_KEY] == before


def test_polling_status_cannot_keep_an_idle_session_alive(clinician, login_as):
    http = login_as(clinician)
    set_last_activity(http, 16 * 60)
    response = http.get(reverse("session_status"))
    assert response.status_code == 401
    assert response.json() == {"signed_out": True}
    assert not is_signed_in(http)
    # The warning script then reloads the page: sign-in says why.
    page = http.get(reverse("clients:list"), follow=True).content.decode()
    assert "You were signed out after a period of inactivity." in page


def test_keepalive_renews_activity(clinician, login_as):
    http = login_as(clinician)
    before = set_last_activity(http, 10 * 60)
    response = http.post(reverse("session_keepalive"))
    assert response.status_code == 200
    assert response.json()["seconds_remaining"] == 15 * 60
    assert http.session[LAST_ACTIVITY_KEY] > before + 9 * 60
    # The renewed session now outlives the original deadline.
    assert http.get(reverse("session_status")).json()["seconds_remaining"] > 14 * 60


def test_keepalive_is_post_only(clinician, login_as):
    http = login_as(clinician)
    assert http.get(reverse("session_keepalive")).status_code == 405
