"""The inline check-in on the session page: one small form per attendee, saved with htmx or
a normal post, taken at the session; refused input saves nothing; the session page's query
count does not grow with the attendees."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from iop.accounts.models import Role
from relapse_prevention.models import CheckIn
from tests.factories import member
from tests.relapse_prevention.checkin_helpers import in_care
from tests.scheduling.charting_helpers import attend, past_session
from tests.scheduling.factories import SessionFactory

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def clinician(staff):
    return staff[Role.CLINICIAN]


@pytest.fixture
def attendee(program, clinician):
    session = past_session(program, clinician)
    return attend(session, in_care(program, clinician))


def _session_page(http, session):
    response = http.get(reverse("scheduling:session", args=[session.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _url(attendee):
    return reverse("relapse_prevention:checkin_attendee", args=[attendee.pk])


def _data(attendee, **values):
    fields = {"craving": "4", "mood": "6", "used": "no", "used_what": ""} | values
    return {f"ci-{attendee.pk}-{k}": v for k, v in fields.items()}


def test_the_session_page_has_a_check_in_form_per_attendee(login_as, clinician, attendee):
    page = _session_page(login_as(clinician), attendee.session)
    assert "Check-ins" in page
    assert f'hx-post="{_url(attendee)}"' in page
    assert f'action="{_url(attendee)}"' in page  # posts without JavaScript too
    assert f'name="ci-{attendee.pk}-craving"' in page


def test_htmx_saves_the_check_in_at_the_session(login_as, clinician, attendee):
    response = login_as(clinician).post(
        _url(attendee), _data(attendee, used="yes", used_what="alcohol"), **HX
    )
    assert response.status_code == 200
    assert "Saved: craving 4, mood 6, used: alcohol." in response.content.decode()
    saved = CheckIn.objects.get()
    assert (saved.session, saved.episode, saved.recorded_by) == (
        attendee.session,
        attendee.episode,
        clinician,
    )
    page = _session_page(login_as(clinician), attendee.session)
    assert "craving 4, mood 6, used: alcohol." in page
    assert f'hx-post="{_url(attendee)}"' not in page  # taken once per session


def test_a_normal_post_saves_and_returns_to_the_session(login_as, clinician, attendee):
    response = login_as(clinician).post(_url(attendee), _data(attendee))
    assert response.status_code == 302
    assert response.url.startswith(reverse("scheduling:session", args=[attendee.session.pk]))
    assert CheckIn.objects.filter(session=attendee.session).count() == 1


def test_bad_input_shows_the_message_beside_the_form_and_saves_nothing(
    login_as, clinician, attendee
):
    response = login_as(clinician).post(_url(attendee), _data(attendee, craving="11"), **HX)
    text = response.content.decode()
    assert "Craving is from 0 to 10." in text and 'value="11"' in text
    response = login_as(clinician).post(_url(attendee), _data(attendee, used="yes"), **HX)
    assert "Say what was used, or choose No." in response.content.decode()
    assert not CheckIn.objects.exists()


def test_no_check_in_for_a_session_of_a_later_day(login_as, clinician, program):
    later = program.now() + datetime.timedelta(days=3)
    session: Any = SessionFactory(
        program=program,
        occurs_on=later.date(),
        starts_at=later,
        ends_at=later + datetime.timedelta(hours=1),
    )
    attendee = attend(session, in_care(program, clinician), attendance="")
    http = login_as(clinician)
    assert f'hx-post="{_url(attendee)}"' not in _session_page(http, session)
    assert http.post(_url(attendee), _data(attendee)).status_code == 404
    assert not CheckIn.objects.exists()


def test_roles_that_do_not_chart_are_refused(login_as, staff, attendee):
    for role in (Role.PROBATION, Role.INTAKE):
        assert login_as(staff[role]).post(_url(attendee), _data(attendee)).status_code == 403
    assert f'hx-post="{_url(attendee)}"' not in _session_page(
        login_as(staff[Role.INTAKE]), attendee.session
    )
    assert not CheckIn.objects.exists()


def test_a_clinician_of_another_program_gets_404(login_as, attendee, other_program):
    outsider = member(Role.CLINICIAN, other_program)
    assert login_as(outsider).post(_url(attendee), _data(attendee)).status_code == 404
    assert not CheckIn.objects.exists()


def test_the_session_page_query_count_does_not_grow_with_attendees(
    login_as, program, clinician, attendee, django_assert_max_num_queries
):
    http = login_as(clinician)
    session = attendee.session
    _session_page(http, session)
    with django_assert_max_num_queries(200) as few:
        _session_page(http, session)
    bound = len(few.captured_queries)
    for i in range(6):
        more = attend(
            session, in_care(program, clinician, first="Casey", last=f"Quill{chr(65 + i)}")
        )
        http.post(_url(more), _data(more), **HX)
    with django_assert_max_num_queries(bound):
        page = _session_page(http, session)
    assert page.count("craving 4, mood 6, no use.") == 6
