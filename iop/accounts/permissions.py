"""Roles mapped to named capabilities, in one place.

Views ask for a capability (``can(user, VIEW_CLIENTS)``), never for a role, and
querysets are scoped to the programs where the user holds that capability.
The same table backs django-rules permissions (``user.has_perm("iop.view_clients")``).
"""

from __future__ import annotations

from typing import Any

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from iop.accounts.models import Membership, Program, Role, User

VIEW_CLIENTS = "view_clients"  # client list, chart header, demographics
EDIT_CONTACT_DETAILS = "edit_contact_details"  # a client's phone, email, address, reminders
VIEW_CLINICAL_RECORD = "view_clinical_record"  # notes, plans, assessments
EDIT_INTAKE = "edit_intake"  # referrals, assessments, consents, admission
ADMINISTER_INSTRUMENTS = "administer_instruments"  # PHQ-9 and the rest, any time in the episode
ACKNOWLEDGE_SAFETY_ALERT = "acknowledge_safety_alert"  # risk assessment + safety plan decision
OVERSEE_SAFETY_ALERTS = "oversee_safety_alerts"  # told of every safety alert in the program
OVERSEE_CASELOADS = "oversee_caseloads"  # Today's client lists cover the program, not a caseload
CHART_SESSIONS = "chart_sessions"
LEAD_SESSIONS = "lead_sessions"  # be named the staff member who runs a session
CARRY_CASELOAD = "carry_caseload"  # be a client's primary clinician
EDIT_PLANS = "edit_plans"  # write treatment plans, record readiness reviews and plan reviews
CONFIRM_READINESS = "confirm_readiness"  # supervisor/director confirms a readiness review
PRESCRIBE = "prescribe"  # be the prescriber of a medication-management visit
VIEW_CENSUS = "view_census"
APPROVE_LEVEL_CHANGE = "approve_level_change"
PROPOSE_LEVEL_CHANGE = "propose_level_change"  # a step up or down, with evidence and ASAM
DISCHARGE = "discharge"  # discharge a client, or plan and cancel a discharge
COSIGN_NOTES = "cosign_notes"
COSIGN_PLAN = "cosign_plan"  # co-sign a treatment plan where the program asks for it
VIEW_AUDIT_LOG = "view_audit_log"
MANAGE_STAFF = "manage_staff"  # the Staff page: invite people, see who holds which role
GRANT_CLINICAL_ROLES = "grant_clinical_roles"  # grant or approve roles that open client records
MANAGE_SETTINGS = "manage_settings"  # the admin's programs, rooms, group kinds and staff
VIEW_DISCLOSED_REPORTS = "view_disclosed_reports"
VIEW_SCHEDULE = "view_schedule"  # week views, rosters, a client's schedule
BOOK_SESSIONS = "book_sessions"  # individual, family and medication-management bookings
MANAGE_SCHEDULE = "manage_schedule"  # tracks, blocks, closures, groups, closed-group rosters
EDIT_CONSENT_TEXT = "edit_consent_text"  # the program's consent-to-treatment wording
EDIT_CRISIS_LINE = "edit_crisis_line"  # the program's own crisis line, printed on safety plans
VIEW_MEDICATIONS = "view_medications"  # a client's medication list and its history
RECORD_REPORTED_MEDICATIONS = "record_reported_medications"  # what the client or a record says
RECONCILE_MEDICATIONS = "reconcile_medications"  # confirm, change or stop each entry
VIEW_DRUG_SCREENS = "view_drug_screens"  # specimens, results, the screen timeline
RECORD_DRUG_SCREENS = "record_drug_screens"  # order, collect, enter results, interpret, sign
MANAGE_SCREEN_PANELS = "manage_screen_panels"  # drug screen panels and cut-offs, versioned
EDIT_COURT_ORDERS = "edit_court_orders"  # the court order: case, officer, treatment required
WRITE_REPORTS = "write_reports"  # draft, edit and sign compliance, progress, discharge reports
DISCLOSE_REPORTS = "disclose_reports"  # release a signed report to a consented recipient
VIEW_DISCLOSURES = "view_disclosures"  # the accounting of disclosures (42 CFR 2.25)
VIEW_FAMILY = "view_family"  # a client's people, their contact details and consent state
EDIT_FAMILY = "edit_family"  # add and link people, contact details, do not contact
OVERSEE_REPORTS = "oversee_reports"  # scheduled reports overdue for signature, program-wide

ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.INTAKE: frozenset(
        {
            VIEW_CLIENTS,
            EDIT_CONTACT_DETAILS,
            EDIT_INTAKE,
            ADMINISTER_INSTRUMENTS,
            VIEW_SCHEDULE,
            BOOK_SESSIONS,
            VIEW_MEDICATIONS,
            RECORD_REPORTED_MEDICATIONS,
            EDIT_COURT_ORDERS,
            VIEW_DISCLOSURES,
            VIEW_FAMILY,
            EDIT_FAMILY,
        }
    ),
    Role.CLINICIAN: frozenset(
        {
            EDIT_PLANS,
            VIEW_CLIENTS,
            EDIT_CONTACT_DETAILS,
            VIEW_CLINICAL_RECORD,
            CHART_SESSIONS,
            LEAD_SESSIONS,
            CARRY_CASELOAD,
            ADMINISTER_INSTRUMENTS,
            ACKNOWLEDGE_SAFETY_ALERT,
            PROPOSE_LEVEL_CHANGE,
            VIEW_SCHEDULE,
            BOOK_SESSIONS,
            VIEW_MEDICATIONS,
            RECORD_REPORTED_MEDICATIONS,
            VIEW_DRUG_SCREENS,
            RECORD_DRUG_SCREENS,
            EDIT_COURT_ORDERS,
            WRITE_REPORTS,
            DISCLOSE_REPORTS,
            VIEW_DISCLOSURES,
            VIEW_FAMILY,
            EDIT_FAMILY,
        }
    ),
    Role.PRESCRIBER: frozenset(
        {
            VIEW_CLIENTS,
            EDIT_CONTACT_DETAILS,
            VIEW_CLINICAL_RECORD,
            CHART_SESSIONS,
            LEAD_SESSIONS,
            PRESCRIBE,
            ADMINISTER_INSTRUMENTS,
            ACKNOWLEDGE_SAFETY_ALERT,
            VIEW_SCHEDULE,
            BOOK_SESSIONS,
            VIEW_MEDICATIONS,
            RECORD_REPORTED_MEDICATIONS,
            RECONCILE_MEDICATIONS,
            VIEW_DRUG_SCREENS,
            RECORD_DRUG_SCREENS,
            WRITE_REPORTS,
            VIEW_FAMILY,
        }
    ),
    Role.DIRECTOR: frozenset(
        {
            VIEW_CLIENTS,
            EDIT_CONTACT_DETAILS,
            VIEW_CLINICAL_RECORD,
            CHART_SESSIONS,
            LEAD_SESSIONS,
            CARRY_CASELOAD,
            ADMINISTER_INSTRUMENTS,
            ACKNOWLEDGE_SAFETY_ALERT,
            OVERSEE_SAFETY_ALERTS,
            OVERSEE_CASELOADS,
            VIEW_CENSUS,
            EDIT_PLANS,
            CONFIRM_READINESS,
            APPROVE_LEVEL_CHANGE,
            PROPOSE_LEVEL_CHANGE,
            DISCHARGE,
            COSIGN_NOTES,
            COSIGN_PLAN,
            VIEW_AUDIT_LOG,
            VIEW_SCHEDULE,
            BOOK_SESSIONS,
            MANAGE_SCHEDULE,
            EDIT_CONSENT_TEXT,
            EDIT_CRISIS_LINE,
            MANAGE_STAFF,
            GRANT_CLINICAL_ROLES,
            VIEW_MEDICATIONS,
            VIEW_DRUG_SCREENS,
            MANAGE_SCREEN_PANELS,
            EDIT_COURT_ORDERS,
            WRITE_REPORTS,
            DISCLOSE_REPORTS,
            VIEW_DISCLOSURES,
            OVERSEE_REPORTS,
            VIEW_FAMILY,
            EDIT_FAMILY,
        }
    ),
    # External: sees only reports disclosed to them under an active consent.
    Role.PROBATION: frozenset({VIEW_DISCLOSED_REPORTS}),
    # Runs accounts and settings; no clinical content by default.
    Role.ADMINISTRATOR: frozenset({MANAGE_STAFF, MANAGE_SETTINGS}),
}

ALL_CAPABILITIES = frozenset().union(*ROLE_CAPABILITIES.values())
STAFF_ROLES = frozenset(Role) - {Role.PROBATION}


def _memberships(user: Any) -> list[Membership]:
    """Active memberships, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_iop_memberships", None)
    if cached is None:
        cached = list(Membership.objects.active().filter(user=user).select_related("program"))
        user._iop_memberships = cached
    return cached


def roles(user: Any) -> set[str]:
    return {m.role for m in _memberships(user)}


def capabilities(user: Any, program: Program | None = None) -> set[str]:
    caps: set[str] = set()
    for membership in _memberships(user):
        if program is None or membership.program_id == program.pk:
            caps |= ROLE_CAPABILITIES.get(membership.role, frozenset())
    return caps


def can(user: Any, capability: str, program: Program | None = None) -> bool:
    if capability not in ALL_CAPABILITIES:
        raise ValueError(f"Unknown capability {capability!r}")
    return capability in capabilities(user, program)


def program_ids_with(user: Any, capability: str) -> set[Any]:
    """The programs in which the user holds a capability: the scope of every clinical query."""
    return {
        m.program_id
        for m in _memberships(user)
        if capability in ROLE_CAPABILITIES.get(m.role, frozenset())
    }


def programs_with(user: Any, capability: str) -> QuerySet[Program]:
    return Program.objects.filter(pk__in=program_ids_with(user, capability))


def chosen_program(request: Any, capability: str) -> Program:
    """The program a page is about: ?program=<id> among the user's programs with the capability,
    else their first one by name. None at all is a 403."""
    programs = list(programs_with(request.user, capability).order_by("name"))
    if not programs:
        raise PermissionDenied
    wanted = request.GET.get("program", "")
    return next((p for p in programs if str(p.pk) == wanted), programs[0])


def roles_with(capability: str) -> frozenset[str]:
    """The roles that grant a capability; for queries over many programs' memberships."""
    if capability not in ALL_CAPABILITIES:
        raise ValueError(f"Unknown capability {capability!r}")
    return frozenset(role for role, caps in ROLE_CAPABILITIES.items() if capability in caps)


def users_with(program: Program | Any, capability: str) -> QuerySet[User]:
    """Active users holding a capability in a program (active memberships only: a grant
    awaiting a director's approval is inactive until approved). Unordered."""
    members = Membership.objects.active().filter(program=program, role__in=roles_with(capability))
    return User.objects.filter(pk__in=members.values("user_id"), is_active=True)


def primary_program(user: Any) -> Program | None:
    memberships = _memberships(user)
    return memberships[0].program if memberships else None


def is_staff_member(user: Any) -> bool:
    return bool(roles(user) & STAFF_ROLES)


def can_see_system_health(user: Any) -> bool:
    """/healthz's broker and worker details: superusers and program administrators."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser) or bool(program_ids_with(user, MANAGE_SETTINGS))


def _capability_predicate(capability: str) -> rules.Predicate:
    def predicate(user: Any, obj: Any = None) -> bool:
        program = getattr(obj, "program", None) if obj is not None else None
        return can(user, capability, program)

    return rules.predicate(predicate, name=capability)


def _register_rules() -> None:
    for capability in ALL_CAPABILITIES:
        rules.add_perm(f"iop.{capability}", _capability_predicate(capability))


_register_rules()
