"""The family aftercare step of a discharge (registered with iop.clients.discharge_steps).

A planned discharge (completion, step down or up) needs a signed family aftercare plan when
the client has named people the program may contact; the plan may also record that the
client chose not to involve them. A client who named no one (or only people marked do not
contact) has nothing to plan with family: the step is done. Other discharges (against
advice, administrative, lost to contact) cannot wait for a family plan: it does not apply.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse

from family.models import ClientPerson, FamilyAftercarePlan
from iop.clients.discharge_steps import DischargeStep
from iop.clients.models import DischargeReason

PLANNED = {DischargeReason.COMPLETED, DischargeReason.STEP_DOWN, DischargeReason.STEP_UP}
TITLE = "Family aftercare plan"


def family_aftercare_step(episode: Any, kind: str, on_day: datetime.date) -> DischargeStep | None:
    """Two queries: the people the program may contact, and the plans of the episode."""
    if kind not in PLANNED:
        return None
    named = ClientPerson.objects.filter(client_id=episode.client_id).reachable().count()
    url = reverse("family:aftercare", args=[episode.client_id])
    if not named:
        return DischargeStep(
            key="family_aftercare",
            title=TITLE,
            done=True,
            detail="Not needed: the client named no one the program may contact.",
        )
    plans = list(FamilyAftercarePlan.objects.filter(episode_id=episode.pk))
    signed = next((p for p in plans if p.signed_at and not p.superseded_at), None)
    if signed is not None:
        local = episode.program.local(signed.signed_at)
        detail = (
            "Signed: the client chose not to involve family"
            if signed.family_not_involved
            else f"Signed, version {signed.version}"
        )
        return DischargeStep(
            key="family_aftercare",
            title=TITLE,
            done=True,
            detail=f"{detail} ({local:%b} {local.day})",
            url=url,
            link_text="Open the family aftercare plan",
        )
    draft = any(p.signed_at is None for p in plans)
    return DischargeStep(
        key="family_aftercare",
        title=TITLE,
        done=False,
        detail="Written but not signed yet" if draft else "Not started",
        url=url,
        link_text="Open the family aftercare plan",
    )
