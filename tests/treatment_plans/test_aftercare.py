"""The aftercare plan: appointments and people to call, written before discharge and kept as
it was after; the discharge step it answers, and the text the discharge summary shows."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from iop.accounts.models import Role
from iop.audit.models import RecordView
from iop.clients.discharge_steps import discharge_steps
from iop.clients.models import Episode
from iop.phones import INVALID
from iop.reports.clinical.parts import Record
from tests.factories import ClientFactory, EpisodeFactory
from treatment_plans.models import (
    AftercareAppointment,
    AftercareContact,
    AftercareKind,
    AftercarePlan,
)
from treatment_plans.report_sections import aftercare_plan
from treatment_plans.services.aftercare import (
    CLOSED,
    IN_THE_PAST,
    NO_NAME,
    NO_PROVIDER,
    NO_WAY_TO_REACH,
    aftercare_appointment_add,
    aftercare_appointment_remove,
    aftercare_care_save,
    aftercare_contact_add,
    aftercare_contact_remove,
)

PHONE = "(202) 555-0143"


def later(days: int = 9, hour: int = 10) -> datetime.datetime:
    """A moment `days` ahead at `hour` o'clock in the program's zone (New York)."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=datetime.timezone(datetime.timedelta(hours=-5))
    )


def appointment(episode, by, **kwargs):
    values: dict[str, Any] = {
        "kind": AftercareKind.COUNSELING,
        "with_whom": "Dr. Lee",
        "starts_at": later(),
        "place": "12 Main St",
        "phone": PHONE,
    }
    return aftercare_appointment_add(episode=episode, by=by, **(values | kwargs))


def contact(episode, by, **kwargs):
    values: dict[str, Any] = {
        "name": "Casey",
        "role": "sponsor",
        "phone": "202-555-0188",
        "when_to_call": "when cravings rise",
    }
    return aftercare_contact_add(episode=episode, by=by, **(values | kwargs))


def counts() -> tuple[int, int, int]:
    return (
        AftercarePlan.objects.count(),
        AftercareAppointment.objects.count(),
        AftercareContact.objects.count(),
    )


def discharged(episode, on=None):
    """Close the episode directly (the discharge flow itself is the kernel's)."""
    Episode.objects.filter(pk=episode.pk).update(
        discharged_on=on or timezone.localdate(), discharge_reason="completed"
    )
    episode.refresh_from_db()
    return episode


def step(episode, kind, day=None):
    steps = discharge_steps(episode, kind, day or timezone.localdate())
    return next((s for s in steps if s.key == "aftercare"), None)


# ---------------------------------------------------------------- bad input, nothing saved


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"starts_at": timezone.now() - datetime.timedelta(hours=1)}, "starts_at", IN_THE_PAST),
        ({"with_whom": "  "}, "with_whom", NO_PROVIDER),
        ({"phone": "555-01"}, "phone", INVALID),
    ],
)
def test_a_bad_appointment_is_refused_and_nothing_saved(
    episode, clinician, changes, field, message
):
    before = counts()
    with pytest.raises(ValidationError) as refused:
        appointment(episode, clinician, **changes)
    assert refused.value.message_dict[field] == [message]
    assert counts() == before


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": ""}, "name", NO_NAME),
        ({"phone": "", "when_to_call": " "}, "phone", NO_WAY_TO_REACH),
        ({"phone": "12"}, "phone", INVALID),
    ],
)
def test_a_bad_contact_is_refused_and_nothing_saved(episode, clinician, changes, field, message):
    before = counts()
    with pytest.raises(ValidationError) as refused:
        contact(episode, clinician, **changes)
    assert refused.value.message_dict[field] == [message]
    assert counts() == before


def test_a_contact_reached_at_a_meeting_needs_no_phone(episode, clinician):
    saved = contact(episode, clinician, phone="", when_to_call="At the Tuesday night meeting")
    assert saved.phone == "" and saved.plan.episode == episode


def test_phones_are_stored_in_e164(episode, clinician):
    assert appointment(episode, clinician).phone == "+12025550143"


# ---------------------------------------------------------------- removal keeps the row


def test_removing_keeps_the_row_and_hides_it(episode, clinician, login_as):
    kept = appointment(episode, clinician, with_whom="Dr. Lee")
    gone = appointment(episode, clinician, with_whom="Dr. Moss")
    person = contact(episode, clinician)
    with pytest.raises(ValidationError):
        aftercare_appointment_remove(
            episode=episode, by=clinician, appointment_id=gone.pk, reason=""
        )
    aftercare_appointment_remove(
        episode=episode, by=clinician, appointment_id=gone.pk, reason="Client chose Dr. Lee"
    )
    aftercare_contact_remove(episode=episode, by=clinician, contact_id=person.pk, reason="Moved")
    gone.refresh_from_db()
    assert gone.removed_at is not None and gone.removed_by == clinician
    assert gone.removed_reason == "Client chose Dr. Lee"
    assert AftercareAppointment.objects.count() == 2 and AftercareContact.objects.count() == 1
    page = login_as(clinician).get(reverse("treatment_plans:aftercare", args=[episode.pk]))
    text = page.content.decode()
    assert "Dr. Lee" in text and kept.with_whom in text
    assert "Dr. Moss" not in text and "Casey" not in text


def test_the_page_removes_a_row_with_a_reason(episode, clinician, login_as):
    gone = appointment(episode, clinician, with_whom="Dr. Moss")
    browser = login_as(clinician)
    url = reverse("treatment_plans:aftercare_appointment_remove", args=[episode.pk, gone.pk])
    refused = browser.post(url, {"reason": ""})
    assert refused.status_code == 400 and "Say why it comes off the plan" in refused.text
    gone.refresh_from_db()
    assert gone.removed_at is None
    done = browser.post(url, {"reason": "Cancelled by the provider"}, follow=True)
    assert "Dr. Moss" not in done.text and "stays in the record" in done.text


@pytest.mark.parametrize("table", ["aftercareplan", "aftercareappointment", "aftercarecontact"])
def test_the_database_refuses_delete(episode, clinician, table):
    appointment(episode, clinician)
    contact(episode, clinician)
    with pytest.raises(DatabaseError, match="never deleted"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM treatment_plans_{table}")  # noqa: S608
    assert counts() == (1, 1, 1)


# ---------------------------------------------------------------- frozen after discharge


def test_the_plan_is_frozen_once_discharged(episode, clinician, login_as):
    row = appointment(episode, clinician)
    person = contact(episode, clinician)
    aftercare_care_save(episode=episode, by=clinician, text="Weekly counseling.")
    discharged(episode)
    before = counts()
    attempts = [
        lambda: appointment(episode, clinician, with_whom="Dr. Moss"),
        lambda: contact(episode, clinician, name="Alex"),
        lambda: aftercare_care_save(episode=episode, by=clinician, text="Changed"),
        lambda: aftercare_appointment_remove(
            episode=episode, by=clinician, appointment_id=row.pk, reason="x"
        ),
        lambda: aftercare_contact_remove(
            episode=episode, by=clinician, contact_id=person.pk, reason="x"
        ),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError, match="The episode is closed"):
            attempt()
    assert counts() == before
    assert AftercarePlan.objects.get().continuing_care == "Weekly counseling."
    assert not AftercareAppointment.objects.filter(removed_at__isnull=False).exists()

    page = login_as(clinician).get(reverse("treatment_plans:aftercare", args=[episode.pk]))
    assert page.status_code == 200
    assert "stays as it was at discharge" in page.text and "Dr. Lee" in page.text
    assert "Add the appointment" not in page.text and "Remove the appointment" not in page.text
    posted = login_as(clinician).post(
        reverse("treatment_plans:aftercare_contact_add", args=[episode.pk]),
        {"contact-name": "Alex", "contact-phone": PHONE},
    )
    assert posted.status_code == 400 and CLOSED in posted.text
    assert counts() == before


# ---------------------------------------------------------------- the discharge step


@pytest.mark.parametrize("kind", ["completed", "step_down", "step_up"])
def test_a_planned_move_needs_an_appointment_and_a_contact(episode, clinician, kind):
    assert step(episode, kind).done is False
    assert step(episode, kind).detail == "No appointment after discharge yet; no contact yet"
    contact(episode, clinician)
    missing = step(episode, kind)
    assert not missing.done
    assert missing.detail == "No appointment after discharge yet; 1 contact"
    assert missing.url == reverse("treatment_plans:aftercare", args=[episode.pk])
    assert missing.title == "Aftercare plan" and missing.link_text == "Open the aftercare plan"
    first = appointment(episode, clinician, starts_at=later(days=9))
    appointment(episode, clinician, starts_at=later(days=20), with_whom="Dr. Moss")
    contact(episode, clinician, name="Crisis line", phone="", when_to_call="Any time")
    done = step(episode, kind)
    local = first.starts_at.astimezone(episode.program.zone)
    assert done.done
    assert done.detail == f"2 appointments, first {local:%b} {local.day} with Dr. Lee; 2 contacts"


def test_an_appointment_before_the_discharge_day_does_not_count(episode, clinician):
    appointment(episode, clinician, starts_at=later(days=3))
    contact(episode, clinician)
    assert not step(episode, "completed", timezone.localdate() + datetime.timedelta(days=5)).done
    assert step(episode, "completed", timezone.localdate() + datetime.timedelta(days=3)).done


def test_a_removed_row_does_not_count(episode, clinician):
    row = appointment(episode, clinician)
    person = contact(episode, clinician)
    assert step(episode, "completed").done
    aftercare_appointment_remove(
        episode=episode, by=clinician, appointment_id=row.pk, reason="Cancelled"
    )
    assert not step(episode, "completed").done
    aftercare_contact_remove(episode=episode, by=clinician, contact_id=person.pk, reason="No")
    assert not step(episode, "left_ama").done


@pytest.mark.parametrize("kind", ["administrative", "left_ama"])
def test_leaving_early_needs_someone_to_call(episode, clinician, kind):
    assert not step(episode, kind).done
    assert step(episode, kind).detail == "No contact yet"
    contact(episode, clinician)
    assert step(episode, kind).done
    assert step(episode, kind).detail == "1 contact"


@pytest.mark.parametrize("kind", ["lost_to_contact", "transferred", "other"])
def test_no_aftercare_step_when_the_client_cannot_be_reached(episode, kind):
    assert step(episode, kind) is None


def test_the_step_asks_a_fixed_number_of_queries(episode, clinician, django_assert_max_num_queries):
    for days in range(5, 10):
        appointment(episode, clinician, starts_at=later(days=days))
        contact(episode, clinician)
    episode = Episode.objects.select_related("program").get(pk=episode.pk)
    from treatment_plans.discharge import aftercare_step

    with django_assert_max_num_queries(2):
        found = aftercare_step(episode, "completed", timezone.localdate())
    assert found is not None and found.done


# ---------------------------------------------------------------- the page


def test_the_page_shows_appointments_and_contacts_and_logs_the_view(episode, clinician, login_as):
    appointment(episode, clinician, notes="Bring the discharge letter")
    contact(episode, clinician)
    aftercare_care_save(episode=episode, by=clinician, text="Weekly counseling with Dr. Lee.")
    page = login_as(clinician).get(reverse("treatment_plans:aftercare", args=[episode.pk]))
    assert page.status_code == 200
    text = page.text
    for shown in [
        "Jordan",
        "Outpatient counseling or therapy with Dr. Lee",
        "12 Main St",
        PHONE,
        "Bring the discharge letter",
        "Casey",
        "sponsor",
        "(202) 555-0188",
        "When to call: when cravings rise",
        "Weekly counseling with Dr. Lee.",
    ]:
        assert shown in text, shown
    assert RecordView.objects.filter(user=clinician, client=episode.client).count() == 1


def test_a_clinician_adds_rows_on_the_page(episode, clinician, login_as):
    browser = login_as(clinician)
    day = timezone.localdate() + datetime.timedelta(days=7)
    added = browser.post(
        reverse("treatment_plans:aftercare_appointment_add", args=[episode.pk]),
        {
            "appointment-kind": "psychiatry",
            "appointment-with_whom": "Dr. Ortiz",
            "appointment-day": day.isoformat(),
            "appointment-time": "14:30",
            "appointment-phone": PHONE,
        },
        follow=True,
    )
    assert "Appointment added." in added.text and "Dr. Ortiz" in added.text
    assert f"{day:%b} {day.day}, {day.year} at 2:30 PM" in added.text
    saved = AftercareAppointment.objects.get()
    assert saved.starts_at == episode.program.at(day, datetime.time(14, 30))
    past = browser.post(
        reverse("treatment_plans:aftercare_appointment_add", args=[episode.pk]),
        {
            "appointment-kind": "primary_care",
            "appointment-with_whom": "Dr. Park",
            "appointment-day": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
            "appointment-time": "09:00",
        },
    )
    assert past.status_code == 400 and "must be later than now" in past.text
    assert 'value="Dr. Park"' in past.text  # what was typed is kept
    assert AftercareAppointment.objects.count() == 1
    contact_added = browser.post(
        reverse("treatment_plans:aftercare_contact_add", args=[episode.pk]),
        {"contact-name": "Riley", "contact-role": "outpatient counselor", "contact-phone": PHONE},
        HTTP_HX_REQUEST="true",
    )
    assert contact_added.status_code == 200 and "Riley" in contact_added.text
    assert 'id="aftercare-body"' in contact_added.text and "<html" not in contact_added.text


def test_the_page_query_count_does_not_grow(
    episode, clinician, login_as, django_assert_max_num_queries
):
    browser = login_as(clinician)
    url = reverse("treatment_plans:aftercare", args=[episode.pk])
    appointment(episode, clinician)
    contact(episode, clinician)
    browser.get(url)
    for days in range(10, 20):
        appointment(episode, clinician, starts_at=later(days=days))
        contact(episode, clinician, name=f"Contact {days}")
    with django_assert_max_num_queries(16):
        page = browser.get(url)
    assert page.text.count("Remove the contact") == 11


@pytest.mark.parametrize("role", [Role.INTAKE, Role.PROBATION, Role.ADMINISTRATOR])
def test_other_roles_are_refused(episode, staff, clinician, login_as, role):
    appointment(episode, clinician)
    browser = login_as(staff[role])
    assert browser.get(reverse("treatment_plans:aftercare", args=[episode.pk])).status_code == 403
    before = counts()
    posted = browser.post(
        reverse("treatment_plans:aftercare_contact_add", args=[episode.pk]),
        {"contact-name": "Alex", "contact-phone": PHONE},
    )
    assert posted.status_code == 403 and counts() == before
    with pytest.raises(PermissionDenied):
        contact(episode, staff[role])
    assert counts() == before


def test_a_prescriber_reads_but_does_not_write(episode, staff, clinician, login_as):
    appointment(episode, clinician)
    browser = login_as(staff[Role.PRESCRIBER])
    page = browser.get(reverse("treatment_plans:aftercare", args=[episode.pk]))
    assert page.status_code == 200 and "Dr. Lee" in page.text
    assert "Add the appointment" not in page.text
    with pytest.raises(PermissionDenied):
        contact(episode, staff[Role.PRESCRIBER])


def test_another_programs_episode_is_not_found(other_program, clinician, login_as):
    theirs = EpisodeFactory(client=ClientFactory(program=other_program))
    browser = login_as(clinician)
    assert browser.get(reverse("treatment_plans:aftercare", args=[theirs.pk])).status_code == 404
    posted = browser.post(
        reverse("treatment_plans:aftercare_contact_add", args=[theirs.pk]),
        {"contact-name": "Alex", "contact-phone": PHONE},
    )
    assert posted.status_code == 404 and not AftercareContact.objects.exists()


# ---------------------------------------------------------------- the report fact and chart


def _record(episode) -> Record:
    return Record(
        kind="discharge",
        client=episode.client,
        episode=episode,
        program=episode.program,
        start=episode.admitted_on,
        end=timezone.localdate(),
        information=None,
    )


def test_the_fact_reads_the_aftercare_plan(episode, clinician):
    appointment(episode, clinician, starts_at=episode.program.at(later().date(), datetime.time(10)))
    contact(episode, clinician)
    contact(episode, clinician, name="Crisis line", role="", phone="", when_to_call="Any time")
    aftercare_care_save(episode=episode, by=clinician, text="Weekly counseling, Tuesday meetings.")
    day = later().date()
    assert aftercare_plan(_record(episode)) == (
        "Weekly counseling, Tuesday meetings.\n\n"
        "Appointments:\n"
        f"{day:%b} {day.day}, {day.year} at 10:00 AM: outpatient counseling with Dr. Lee, "
        "12 Main St, (202) 555-0143\n\n"
        "People to call:\n"
        "Call Casey (sponsor) at (202) 555-0188 when cravings rise\n"
        "Call Crisis line: Any time"
    )


def test_the_fact_falls_back_to_the_plans_free_text(episode, clinician):
    from treatment_plans.models import TreatmentPlan

    assert aftercare_plan(_record(episode)) is None
    TreatmentPlan.objects.create(
        episode=episode,
        client=episode.client,
        program=episode.program,
        status="active",
        aftercare_plan="Outpatient counseling weekly.",
    )
    assert aftercare_plan(_record(episode)) == "Outpatient counseling weekly."


def test_the_chart_shows_a_one_line_summary(episode, clinician, login_as):
    appointment(episode, clinician)
    contact(episode, clinician)
    contact(episode, clinician, name="Alex")
    chart = login_as(clinician).get(reverse("clients:chart", args=[episode.client_id]))
    assert "Aftercare plan: 1 appointment, 2 contacts" in chart.text
    assert reverse("treatment_plans:aftercare", args=[episode.pk]) in chart.text
