"""The aftercare step of a discharge (registered with iop.clients.discharge_steps).

A planned completion and a step down or up need somewhere to go and someone to call: at
least one appointment on or after the discharge day, and at least one contact. A client who
leaves against clinical advice, or is discharged administratively, still leaves with someone
to call. A client lost to contact cannot be given a plan, so the step does not apply.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse

from iop.clients.discharge_steps import DischargeStep
from iop.clients.models import DischargeReason
from treatment_plans.models import AftercareAppointment, AftercareContact

NEEDS_APPOINTMENT_AND_CONTACT = {
    DischargeReason.COMPLETED,
    DischargeReason.STEP_DOWN,
    DischargeReason.STEP_UP,
}
NEEDS_CONTACT = {DischargeReason.ADMINISTRATIVE, DischargeReason.LEFT_AMA}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def aftercare_step(episode: Any, kind: str, on_day: datetime.date) -> DischargeStep | None:
    """Two queries: the appointments from the discharge day on, and the contacts counted."""
    needs_appointment = kind in NEEDS_APPOINTMENT_AND_CONTACT
    if not needs_appointment and kind not in NEEDS_CONTACT:
        return None
    from_day = episode.program.at(on_day, datetime.time.min)
    appointments = list(
        AftercareAppointment.objects.current()
        .filter(plan__episode_id=episode.pk, starts_at__gte=from_day)
        .order_by("starts_at")
    )
    contacts = AftercareContact.objects.current().filter(plan__episode_id=episode.pk).count()

    if appointments:
        first = appointments[0]
        local = episode.program.local(first.starts_at)
        appointment_text = (
            f"{_plural(len(appointments), 'appointment')}, "
            f"first {local:%b} {local.day} with {first.with_whom}"
        )
    else:
        appointment_text = "No appointment after discharge yet"
    contact_text = _plural(contacts, "contact") if contacts else "no contact yet"

    done = contacts > 0 and (bool(appointments) or not needs_appointment)
    if needs_appointment or appointments:
        detail = f"{appointment_text}; {contact_text}"
    else:
        detail = contact_text[0].upper() + contact_text[1:]
    return DischargeStep(
        key="aftercare",
        title="Aftercare plan",
        done=done,
        detail=detail,
        url=reverse("treatment_plans:aftercare", args=[episode.pk]),
        link_text="Open the aftercare plan",
    )
