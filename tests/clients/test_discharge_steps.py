"""Each kind of discharge has its steps; the episode closes only when they are done, and
closing sets the follow-up calls at 7 and 30 days."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from iop.accounts.models import Role
from iop.clients.discharge_steps import discharge_steps
from iop.clients.models import Episode
from iop.clients.services import (
    episode_discharge,
    episode_discharge_close,
    episode_discharges_due_apply,
)
from iop.notifications.models import OutboxMessage
from scheduling.models import FollowUpKind, FollowUpStatus, FollowUpTask
from scheduling.services.followups import followups_open
from tests.discharge_helpers import discharge_steps_complete
from tests.factories import ClientFactory, EpisodeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def episode(program, staff):
    today = program.today()
    return EpisodeFactory(
        client=ClientFactory(
            program=program, reminder_channel="sms", phone="+15555550123", reminder_discreet=True
        ),
        admitted_on=today - datetime.timedelta(days=40),
        primary_clinician=staff[Role.CLINICIAN],
    )


def _url(episode):
    return reverse("clients:episode_discharge", args=[episode.pk])


def _keys(steps):
    return {step.key: step.done for step in steps}


def test_recording_a_completion_with_steps_missing_keeps_the_client_in_care(
    episode, staff, login_as
):
    http = login_as(staff[Role.DIRECTOR])
    today = episode.program.today()
    response = http.post(
        _url(episode),
        {"discharged_on": today.isoformat(), "discharge_reason": "completed"},
        follow=True,
    )
    page = response.text
    assert "Discharge recorded for" in page
    assert "Final measures" in page and "PHQ-9 (not given in this episode)" in page
    assert "Discharge summary" in page and "Not drafted yet" in page
    assert "Draft the discharge summary" in page
    assert "Aftercare plan" in page and "Open the aftercare plan" in page
    assert "Close the episode now" not in page
    episode.refresh_from_db()
    assert episode.discharged_on is None and episode.discharge_planned_on == today
    assert not FollowUpTask.objects.filter(episode=episode).exists()


def test_closing_is_refused_while_a_step_is_missing_and_nothing_changes(episode, staff):
    today = episode.program.today()
    episode_discharge(
        episode=episode, discharged_on=today, reason="completed", by=staff[Role.DIRECTOR]
    )
    with pytest.raises(ValidationError) as refused:
        episode_discharge_close(episode=episode, by=staff[Role.DIRECTOR])
    assert "Still to do before the episode closes: Final measures" in str(refused.value)
    assert "Discharge summary (Not drafted yet)" in str(refused.value)
    assert Episode.objects.get(pk=episode.pk).discharged_on is None


def test_once_the_steps_are_done_the_director_closes_it_and_the_calls_are_set(
    episode, staff, login_as
):
    program = episode.program
    today = program.today()
    http = login_as(staff[Role.DIRECTOR])
    http.post(_url(episode), {"discharged_on": today.isoformat(), "discharge_reason": "completed"})
    discharge_steps_complete(episode, kind="completed", clinician=staff[Role.CLINICIAN])
    page = http.get(_url(episode)).text
    assert "To do" not in page and "Close the episode now" in page
    response = http.post(reverse("clients:episode_discharge_close", args=[episode.pk]), follow=True)
    assert "follow-up calls at 7 and 30 days" in response.text
    episode.refresh_from_db()
    assert episode.discharged_on == today and episode.discharge_reason == "completed"
    calls = list(FollowUpTask.objects.filter(episode=episode).order_by("due_on"))
    assert [(c.kind, c.due_on, c.assigned_to) for c in calls] == [
        (FollowUpKind.DISCHARGE_CALL, today + datetime.timedelta(days=7), staff[Role.CLINICIAN]),
        (FollowUpKind.DISCHARGE_CALL, today + datetime.timedelta(days=30), staff[Role.CLINICIAN]),
    ]
    messages = OutboxMessage.objects.filter(dedupe_key__startswith="discharge-call:")
    to_client = messages.filter(recipient="+15555550123").order_by("send_after")
    assert [program.local(m.send_after) for m in to_client] == [
        program.at(today + datetime.timedelta(days=7), program.quiet_hours_end),
        program.at(today + datetime.timedelta(days=30), program.quiet_hours_end),
    ]
    # Discreet: no program name, nothing clinical, to be read on a shared phone.
    assert {m.body for m in to_client} == {
        "Someone from your care team will call you today to check in."
    }
    to_clinician = messages.filter(recipient=staff[Role.CLINICIAN].email)
    assert to_clinician.count() == 2
    assert all(episode.client.legal_last_name not in m.body for m in to_clinician)


def test_the_calls_show_on_today_from_their_day(episode, staff, time_machine):
    program = episode.program
    today = program.today()
    discharge_steps_complete(episode, kind="completed", clinician=staff[Role.CLINICIAN])
    episode_discharge(
        episode=episode, discharged_on=today, reason="completed", by=staff[Role.DIRECTOR]
    )
    clinician = staff[Role.CLINICIAN]
    assert followups_open(user=clinician, program_ids=[program.pk]) == []
    time_machine.move_to(
        program.at(today + datetime.timedelta(days=7), datetime.time(9)), tick=False
    )
    due = followups_open(user=clinician, program_ids=[program.pk])
    assert [t.due_on for t in due] == [today + datetime.timedelta(days=7)]
    assert due[0].status == FollowUpStatus.OPEN


def test_a_client_without_reminders_gets_no_message(program, staff):
    episode: Any = EpisodeFactory(
        client=ClientFactory(program=program, reminder_channel="none"),
        admitted_on=program.today() - datetime.timedelta(days=20),
        primary_clinician=staff[Role.CLINICIAN],
    )
    discharge_steps_complete(episode, kind="administrative", clinician=staff[Role.CLINICIAN])
    episode_discharge(
        episode=episode,
        discharged_on=program.today(),
        reason="administrative",
        by=staff[Role.DIRECTOR],
    )
    keys = OutboxMessage.objects.filter(dedupe_key__startswith="discharge-call:")
    assert set(keys.values_list("recipient", flat=True)) == {staff[Role.CLINICIAN].email}


def test_each_kind_requires_its_own_steps(episode):
    today = episode.program.today()
    completed = _keys(discharge_steps(episode, "completed", today))
    assert {"final_measures", "discharge_summary", "follow_up_calls"} <= set(completed)
    against_advice = _keys(discharge_steps(episode, "left_ama", today))
    assert "final_measures" not in against_advice and "discharge_summary" in against_advice
    lost = _keys(discharge_steps(episode, "lost_to_contact", today))
    assert lost["outreach"] is False and "final_measures" not in lost
    step_up = {s.key: s for s in discharge_steps(episode, "step_up", today)}
    assert step_up["discharge_summary"].title == "Transition summary"


def test_a_move_to_another_provider_needs_the_receiving_provider(episode, staff, login_as):
    http = login_as(staff[Role.DIRECTOR])
    response = http.post(
        _url(episode),
        {"discharged_on": episode.program.today().isoformat(), "discharge_reason": "step_up"},
    )
    assert response.status_code == 400
    assert "Name the provider who takes the client on." in response.text
    episode.refresh_from_db()
    assert episode.discharge_planned_on is None and episode.receiving_provider == ""


def test_a_transition_summary_is_required_for_a_move_not_a_discharge_summary(episode, staff):
    today = episode.program.today()
    discharge_steps_complete(episode, kind="completed", clinician=staff[Role.CLINICIAN])
    episode_discharge(
        episode=episode,
        discharged_on=today,
        reason="step_up",
        receiving_provider="Hillcrest Residential",
        by=staff[Role.DIRECTOR],
    )
    episode.refresh_from_db()
    assert episode.discharged_on is None  # the signed discharge summary does not count
    assert episode.receiving_provider == "Hillcrest Residential"
    discharge_steps_complete(episode, kind="step_up", clinician=staff[Role.CLINICIAN])
    episode_discharge_close(episode=episode, by=staff[Role.DIRECTOR])
    episode.refresh_from_db()
    assert episode.discharged_on == today and episode.discharge_reason == "step_up"


def test_no_primary_clinician_is_a_missing_step(program, staff):
    episode = EpisodeFactory(client=ClientFactory(program=program), primary_clinician=None)
    step = {s.key: s for s in discharge_steps(episode, "left_ama", program.today())}
    assert step["follow_up_calls"].done is False
    assert "No primary clinician to make them" in step["follow_up_calls"].detail


def test_the_beat_leaves_a_planned_discharge_open_until_its_steps_are_done(episode, staff):
    today = episode.program.today()
    episode_discharge(
        episode=episode, discharged_on=today, reason="completed", by=staff[Role.DIRECTOR]
    )
    assert episode_discharges_due_apply() == 0
    assert Episode.objects.get(pk=episode.pk).discharged_on is None
    discharge_steps_complete(episode, kind="completed", clinician=staff[Role.CLINICIAN])
    assert episode_discharges_due_apply() == 1
    assert Episode.objects.get(pk=episode.pk).discharged_on == today


def test_the_steps_follow_the_kind_chosen_on_the_page(episode, staff, login_as):
    http = login_as(staff[Role.DIRECTOR])
    partial = http.get(
        _url(episode),
        {"discharge_reason": "left_ama", "discharged_on": episode.program.today().isoformat()},
        headers={"HX-Request": "true"},
    ).text
    assert "Steps for left against clinical advice on" in partial
    assert "Final measures" not in partial and "Discharge summary" in partial
    assert "<html" not in partial


def test_the_clinician_sees_what_is_missing_on_the_chart_and_today(episode, staff, login_as):
    episode_discharge(
        episode=episode,
        discharged_on=episode.program.today(),
        reason="completed",
        by=staff[Role.DIRECTOR],
    )
    http = login_as(staff[Role.CLINICIAN])
    chart = http.get(reverse("clients:chart", args=[episode.client_id])).text
    assert "3 steps to do before the episode closes." in chart
    assert "Give the PHQ-9" in chart and "Open the discharge" not in chart
    today = http.get(reverse("scheduling:today")).text
    assert "Discharges with steps to do" in today
    assert "To do: final measures, discharge summary, aftercare plan" in today
    # The clinician cannot record or close a discharge: the link goes to the chart.
    assert reverse("clients:episode_discharge", args=[episode.pk]) not in today


def test_the_close_button_is_for_directors_only(episode, staff, login_as):
    discharge_steps_complete(episode, kind="completed", clinician=staff[Role.CLINICIAN])
    episode_discharge(
        episode=episode,
        discharged_on=episode.program.today() + datetime.timedelta(days=2),
        reason="completed",
        by=staff[Role.DIRECTOR],
    )
    close = reverse("clients:episode_discharge_close", args=[episode.pk])
    assert login_as(staff[Role.CLINICIAN]).post(close).status_code == 403
    refused = login_as(staff[Role.DIRECTOR]).post(close, follow=True).text
    assert "the client stays in care until then" in refused
    assert Episode.objects.get(pk=episode.pk).discharged_on is None


def test_the_final_measure_is_the_last_one_given_on_or_before_the_discharge_day(episode, staff):
    """A discharge recorded after the fact: a PHQ-9 given after its day does not undo the
    one given on time, and one given after the day does not count for it."""
    from intake.services.instruments import instrument_record
    from tests.discharge_helpers import PHQ9_NONE

    program = episode.program
    today = program.today()
    day = today - datetime.timedelta(days=10)

    def phq9(on):
        instrument_record(
            client=episode.client,
            instrument="phq9",
            answers=PHQ9_NONE,
            by=staff[Role.CLINICIAN],
            episode=episode,
            administered_at=program.at(on, datetime.time(10)),
        )

    phq9(today - datetime.timedelta(days=3))  # after the day only: not a final measure
    assert not _keys(discharge_steps(episode, "completed", day))["final_measures"]
    phq9(day - datetime.timedelta(days=2))
    assert _keys(discharge_steps(episode, "completed", day))["final_measures"]


def test_each_follow_up_message_is_sent_once(episode, staff, mailoutbox, time_machine):
    from iop.notifications.services import outbox_send_due

    program = episode.program
    today = program.today()
    discharge_steps_complete(episode, kind="completed", clinician=staff[Role.CLINICIAN])
    episode_discharge(
        episode=episode, discharged_on=today, reason="completed", by=staff[Role.DIRECTOR]
    )
    assert outbox_send_due() == 0  # nothing is due before the day of the call
    time_machine.move_to(
        program.at(today + datetime.timedelta(days=7), datetime.time(9)), tick=False
    )
    outbox_send_due()
    outbox_send_due()  # a second sweep sends nothing again
    to_clinician = [m for m in mailoutbox if staff[Role.CLINICIAN].email in m.to]
    assert [m.subject for m in to_clinician] == ["A follow-up call after discharge is due today"]
    assert (
        OutboxMessage.objects.filter(
            dedupe_key__startswith="discharge-call:", status="sent"
        ).count()
        == 2
    )  # the clinician's email and the client's text for the 7-day call
