"""Recording check-ins: bad input is refused with a clear message and saves nothing; the
entered-in-error mark keeps the row and drops it from what is read; the check-in page
(phone check-ins and the history) is for charting staff of the client's program only."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone

from iop.accounts.models import Role
from iop.audit.models import RecordView
from relapse_prevention.baselines import episode_baseline
from relapse_prevention.models import CheckIn
from relapse_prevention.services.checkins import checkin_mark_entered_in_error, checkin_record
from tests.factories import member
from tests.relapse_prevention.checkin_helpers import DAY, checkin, in_care

pytestmark = pytest.mark.django_db


@pytest.fixture
def episode(program, staff):
    return in_care(program, staff[Role.CLINICIAN])


def _refused(episode, by, field, message, **values):
    kwargs: dict[str, Any] = {"craving": 3, "mood": 5, "used": False, "used_what": ""} | values
    with pytest.raises(ValidationError) as refused:
        checkin_record(episode=episode, by=by, **kwargs)
    assert message in " ".join(refused.value.message_dict[field])
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize("craving", [-1, 11])
def test_a_craving_outside_0_to_10_is_refused(episode, staff, craving):
    _refused(episode, staff[Role.CLINICIAN], "craving", "Craving is from 0 to 10.", craving=craving)


@pytest.mark.parametrize("mood", [-1, 11])
def test_a_mood_outside_0_to_10_is_refused(episode, staff, mood):
    _refused(episode, staff[Role.CLINICIAN], "mood", "Mood is from 0 to 10.", mood=mood)


def test_the_ends_of_the_scale_are_kept(episode, staff):
    checkin_record(episode=episode, by=staff[Role.CLINICIAN], craving=0, mood=10, used=False)
    checkin_record(episode=episode, by=staff[Role.CLINICIAN], craving=10, mood=0, used=False)
    assert CheckIn.objects.count() == 2


def test_used_without_saying_what_is_refused(episode, staff):
    _refused(
        episode, staff[Role.CLINICIAN], "used_what", "Say what was used, or choose No.", used=True
    )


def test_a_future_check_in_is_refused(episode, staff):
    later = timezone.now() + datetime.timedelta(hours=2)
    _refused(episode, staff[Role.CLINICIAN], "recorded_at", "cannot be in the future", at=later)


def test_a_check_in_before_admission_is_refused(episode, staff, program):
    before = program.at(episode.admitted_on - DAY, datetime.time(12))
    _refused(episode, staff[Role.CLINICIAN], "recorded_at", "before the admission", at=before)


def test_the_recorded_day_is_the_programs_local_day(episode, staff, program):
    # 02:30 UTC is still the evening before in the program's (American) zone.
    moment = datetime.datetime.combine(
        program.today() - 2 * DAY, datetime.time(2, 30), tzinfo=datetime.UTC
    )
    saved = checkin_record(
        episode=episode, by=staff[Role.CLINICIAN], craving=4, mood=5, used=False, at=moment
    )
    assert saved.recorded_on == program.local_date(moment)


def test_staff_who_do_not_chart_cannot_record(episode, staff):
    with pytest.raises(PermissionDenied):
        checkin_record(episode=episode, by=staff[Role.INTAKE], craving=3, mood=5, used=False)
    assert not CheckIn.objects.exists()


def test_entered_in_error_is_kept_marked_and_drops_out_of_the_baseline(episode, staff):
    clinician = staff[Role.CLINICIAN]
    first = checkin(episode, clinician, 9, 1, days_ago=5)
    for days in (4, 3, 2):
        checkin(episode, clinician, 2, 7, days_ago=days)
    before = episode_baseline(episode.pk)
    assert before is not None and before.craving == 2  # median of 9, 2, 2
    with pytest.raises(ValidationError) as refused:
        checkin_mark_entered_in_error(checkin=first, by=clinician, reason="  ")
    assert "Say why it was entered in error." in refused.value.messages
    checkin_mark_entered_in_error(checkin=first, by=clinician, reason="Wrong client.")
    first.refresh_from_db()
    assert first.entered_in_error_reason == "Wrong client."
    assert CheckIn.objects.count() == 4 and CheckIn.objects.standing().count() == 3
    baseline = episode_baseline(episode.pk)
    assert baseline is not None and (baseline.craving, baseline.mood) == (2, 7)
    with pytest.raises(ValidationError):
        checkin_mark_entered_in_error(checkin=first, by=clinician, reason="Again.")


def test_a_check_in_cannot_be_changed_or_deleted_in_the_database(episode, staff):
    saved = checkin(episode, staff[Role.CLINICIAN], 3, 5)
    with pytest.raises(DatabaseError), transaction.atomic():
        CheckIn.objects.filter(pk=saved.pk).update(craving=4)
    with pytest.raises(DatabaseError), transaction.atomic():
        CheckIn.objects.filter(pk=saved.pk).delete()


# ---------------------------------------------------------------- the check-in page


def _url(client):
    return reverse("relapse_prevention:checkins", args=[client.pk])


def test_clinician_records_a_phone_check_in(login_as, staff, episode):
    clinician = staff[Role.CLINICIAN]
    http = login_as(clinician)
    response = http.post(
        _url(episode.client), {"craving": "6", "mood": "4", "used": "yes", "used_what": "alcohol"}
    )
    assert response.status_code == 302
    saved = CheckIn.objects.get()
    assert (saved.craving, saved.mood, saved.used_what, saved.session) == (6, 4, "alcohol", None)
    page = http.get(_url(episode.client)).content.decode()
    assert "Check-in saved: craving 6, mood 4, used: alcohol." in page
    assert "Yes: alcohol" in page
    assert RecordView.objects.filter(client=episode.client, page="Check-ins").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"craving": "12", "mood": "4", "used": "no"}, "Craving is from 0 to 10."),
        ({"craving": "2", "mood": "-1", "used": "no"}, "Mood is from 0 to 10."),
        (
            {"craving": "2", "mood": "4", "used": "yes", "used_what": ""},
            "Say what was used, or choose No.",
        ),
        (
            {"craving": "2", "mood": "4", "used": ""},
            "Say whether they used since the last check-in.",
        ),
    ],
)
def test_bad_input_on_the_page_shows_the_message_and_saves_nothing(
    login_as, staff, episode, data, message
):
    response = login_as(staff[Role.CLINICIAN]).post(_url(episode.client), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize("role", [Role.CLINICIAN, Role.PRESCRIBER, Role.DIRECTOR])
def test_charting_staff_open_the_page(login_as, staff, episode, role):
    assert login_as(staff[role]).get(_url(episode.client)).status_code == 200


@pytest.mark.parametrize("role", [Role.PROBATION, Role.INTAKE, Role.ADMINISTRATOR])
def test_other_roles_are_refused(login_as, staff, episode, role):
    http = login_as(staff[role])
    assert http.get(_url(episode.client)).status_code == 403
    data = {"craving": "3", "mood": "5", "used": "no"}
    assert http.post(_url(episode.client), data).status_code == 403
    assert not CheckIn.objects.exists()


def test_a_clinician_of_another_program_gets_404(login_as, episode, other_program):
    outsider = member(Role.CLINICIAN, other_program)
    http = login_as(outsider)
    assert http.get(_url(episode.client)).status_code == 404
    assert (
        http.post(_url(episode.client), {"craving": "3", "mood": "5", "used": "no"}).status_code
        == 404
    )
    assert not CheckIn.objects.exists()


def test_marking_through_the_page(login_as, staff, episode):
    clinician = staff[Role.CLINICIAN]
    saved = checkin(episode, clinician, 3, 5)
    url = reverse("relapse_prevention:checkin_error", args=[saved.pk])
    http = login_as(clinician)
    assert http.get(url).status_code == 200
    refused = http.post(url, {"reason": ""})
    assert (
        refused.status_code == 400
        and "Say why it was entered in error." in refused.content.decode()
    )
    assert http.post(url, {"reason": "Recorded for the wrong client."}).status_code == 302
    saved.refresh_from_db()
    assert saved.entered_in_error_at is not None
    page = http.get(_url(episode.client)).content.decode()
    assert "Entered in error" in page and "Recorded for the wrong client." in page


def test_marking_is_404_in_another_program(login_as, staff, episode, other_program):
    saved = checkin(episode, staff[Role.CLINICIAN], 3, 5)
    url = reverse("relapse_prevention:checkin_error", args=[saved.pk])
    http = login_as(member(Role.CLINICIAN, other_program))
    assert http.post(url, {"reason": "No."}).status_code == 404
    assert login_as(staff[Role.PROBATION]).get(url).status_code == 403


def test_the_page_query_count_does_not_grow_with_the_history(
    login_as, staff, episode, django_assert_max_num_queries
):
    clinician = staff[Role.CLINICIAN]
    http = login_as(clinician)
    for days in range(3):
        checkin(episode, clinician, 3, 5, days_ago=days)
    with django_assert_max_num_queries(30) as few:
        http.get(_url(episode.client))
    bound = len(few.captured_queries)
    for days in range(3, 20):
        checkin(episode, clinician, 3, 5, days_ago=days)
    with django_assert_max_num_queries(bound):
        http.get(_url(episode.client))


def test_what_was_used_too_long_is_refused(episode, staff):
    _refused(
        episode,
        staff[Role.CLINICIAN],
        "used_what",
        "200 characters",
        used=True,
        used_what="x" * 201,
    )


def test_what_was_used_without_choosing_yes_is_refused(episode, staff):
    _refused(episode, staff[Role.CLINICIAN], "used_what", "Choose Yes", used_what="alcohol")
