"""Who may see and change drug screens: one fetch-and-check helper per protected object.

A specimen outside the user's programs (for the capability asked) is a 404; a capability the
user lacks everywhere is a 403 (the view decorators).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from iop.accounts import permissions
from iop.accounts.models import Program, User
from iop.reports.access import get_report_of_kinds_for
from iop.reports.models import Report
from relapse_prevention.documents import RP_PLAN_KINDS
from relapse_prevention.models import CheckIn, Lapse, Specimen
from relapse_prevention.readings import specimens_for_reading


def get_specimen_for(user: Any, specimen_id: UUID, capability: str) -> Specimen:
    specimens = specimens_for_reading(
        Specimen.objects.visible_to(user, capability).select_related(
            "client", "episode", "ordered_by", "collected_by", "interpreted_by", "signed_by"
        )
    )
    return get_object_or_404(specimens, pk=specimen_id)


def screen_staff_choices(program: Program) -> QuerySet[User]:
    """Staff of the program who may order and collect a screen."""
    return permissions.users_with(program, permissions.RECORD_DRUG_SCREENS).order_by(
        "last_name", "first_name"
    )


def get_rp_plan_client_for(user: Any, client_id: UUID, capability: str) -> Any:
    """The client whose relapse prevention plan is asked for: 404 outside the user's programs."""
    from iop.clients.access import get_client_for

    return get_client_for(user, client_id, capability, chart_header=True)


def get_rp_plan_part_for(user: Any, section: Any, part_id: UUID, capability: str) -> Any:
    """A part of a relapse prevention plan in the user's programs (404 elsewhere)."""
    parts = section.model._default_manager.select_related("plan__program", "plan__client")
    return get_object_or_404(
        parts.filter(plan__program_id__in=permissions.program_ids_with(user, capability)),
        pk=part_id,
    )


def get_processing_decision_for(user: Any, decision_id: UUID, capability: str) -> Any:
    """A pacing decision on trauma processing, in the user's programs for ``capability``."""
    from relapse_prevention.models import ProcessingDecision

    decisions = ProcessingDecision.objects.visible_to(user, capability).select_related(
        "episode", "plan", "program", "decided_by"
    )
    return get_object_or_404(decisions, pk=decision_id)


def get_lapse_for(user: Any, lapse_id: UUID, capability: str) -> Lapse:
    rows = Lapse.objects.visible_to(user, capability).select_related(
        "specimen", "recorded_by", "entered_in_error_by", "episode__program"
    )
    return get_object_or_404(rows, pk=lapse_id)


def get_checkin_for(user: Any, checkin_id: UUID, capability: str) -> CheckIn:
    rows = CheckIn.objects.visible_to(user, capability).select_related("client", "episode__program")
    return get_object_or_404(rows, pk=checkin_id)


def get_rp_plan_report_for(user: Any, report_id: UUID) -> Report:
    """A printed relapse prevention plan (the client copy); another kind of report is a 404."""
    return get_report_of_kinds_for(user, report_id, RP_PLAN_KINDS)


def confirming_program_ids(user: Any) -> set[Any]:
    """The programs where the user confirms readiness for trauma processing (supervisors and
    directors)."""
    return permissions.program_ids_with(user, permissions.CONFIRM_READINESS)
