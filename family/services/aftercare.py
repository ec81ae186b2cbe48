"""The family aftercare plan: written with the client and their people, signed by its author.

One draft per episode, edited by the program's clinicians while the episode is open; its
author signs it (the text shown, by its hash) and the database locks it and its rows. A
change after signing is a new version, a copy of the one in effect, which replaces it once
signed. The warning signs come from the relapse prevention plan in effect, and only the
signs the client put on their own copy.

A family copy (the plain-language PDF) is made for one person at a time, only when
``family.consents.refusal`` allows the plan (AFTERCARE_PLAN); it holds the warning signs
only when the consent also covers WARNING_SIGNS. Each copy is a disclosure: the
``FamilyCopy`` row records who, under which consent and what, and an audit event says so.
The accounting of disclosures (``iop.reports.clinical``) takes only reports disclosed to an
officer's account, so family copies are recorded here and in the audit log.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Prefetch

from family.access import aftercare_write_check
from family.consents import refusal, sharing, with_consents
from family.models import (
    ClientPerson,
    FamilyAftercarePlan,
    FamilyCopy,
    FamilyFollowUp,
    FamilyReferral,
    FamilySupporter,
    FamilyWarningSign,
    ReferralKind,
)
from iop.accounts.models import User
from iop.audit.models import AuditAction
from iop.audit.services import audit_event_record
from iop.clients.models import Client, Episode
from iop.reports.clinical.terms import ConsentInformation
from iop.signatures.models import SignerRole
from iop.signatures.services import signature_record
from iop.signatures.text import (
    changed_since_shown,
    client_identity,
    labelled_block,
    lines_text,
    long_date,
    refuse_if_changed,
)
from relapse_prevention.models import PlanWarningSign, RelapsePreventionPlan

NO_EPISODE = "The client has no episode of care: admit them first."
CLOSED = "The episode is closed: the family aftercare plan stays as it was at discharge."
LOCKED = "This version is signed and locked. Start a new version to change it."
NOT_THE_AUTHOR = "Only the clinician who wrote this version signs it."
NO_SUPPORTER = "Add at least one supporter, or record that the client chose not to involve family."
NO_REASON = "Say why the client chose not to involve family, in their words."
SUPPORTERS_BUT_NOT_INVOLVED = (
    "The plan names supporters: remove them, or untick 'chose not to involve family'."
)
NOT_THIS_CLIENT = "That person is not one of this client's people."
DNC_SUPPORTER = (
    "{name} is marked do not contact: the client asked that the program not contact them."
)
TWICE = "{name} is already a supporter on this plan."
NO_ROLE = "Say what they agreed to do, in the words of the plan."
NO_REFERRAL_NAME = "Give the name of the service, group or person."
NO_FOLLOW_UP = "Say what happens on that day (for example family session, first Al-Anon meeting)."
UNSIGNED_COPY = "Only a signed plan is printed for the family."
GONE = "That row is no longer on the plan."

SIGN_AND_COPY = ConsentInformation.WARNING_SIGNS
PLAN_INFO = ConsentInformation.AFTERCARE_PLAN

ROWS: dict[str, type[Any]] = {
    "supporter": FamilySupporter,
    "sign": FamilyWarningSign,
    "referral": FamilyReferral,
    "follow_up": FamilyFollowUp,
}


# ---------------------------------------------------------------- reading


def plan_with_rows(plans: Any) -> Any:
    """A plan queryset with its rows: five queries for any number of rows (people included,
    with their consents)."""
    supporters = FamilySupporter.objects.select_related("client_person__person")
    return plans.select_related(
        "client", "program", "episode", "signed_by", "created_by"
    ).prefetch_related(
        Prefetch("supporters", queryset=supporters),
        "warning_signs",
        "referrals",
        "follow_ups",
    )


@dataclass
class FamilyAftercareView:
    client: Client
    episode: Episode | None
    draft: FamilyAftercarePlan | None
    in_effect: FamilyAftercarePlan | None
    versions: list[FamilyAftercarePlan] = field(default_factory=list)
    people: list[ClientPerson] = field(default_factory=list)

    @property
    def shown(self) -> FamilyAftercarePlan | None:
        return self.draft or self.in_effect

    @property
    def closed(self) -> bool:
        return self.episode is None or self.episode.discharged_on is not None


def episode_for(client: Client) -> Episode | None:
    """The open episode, or the latest one when the client is discharged."""
    episodes = Episode.objects.filter(client=client).select_related("program")
    return (
        episodes.open().order_by("-admitted_on").first()
        or episodes.order_by("-admitted_on").first()
    )


def client_people(client: Client) -> list[ClientPerson]:
    """The client's people with their consents (two queries)."""
    return list(with_consents(ClientPerson.objects.filter(client=client).select_related("person")))


def family_aftercare_read(client: Client) -> FamilyAftercareView:
    episode = episode_for(client)
    people = client_people(client)
    if episode is None:
        return FamilyAftercareView(client, None, None, None, people=people)
    versions = list(plan_with_rows(FamilyAftercarePlan.objects.filter(episode=episode)))
    # The rows' people are the same objects as the page's, so their consents are read once.
    by_pk = {p.pk: p for p in people}
    for version in versions:
        for supporter in version.supporters.all():
            supporter.client_person = by_pk.get(supporter.client_person_id, supporter.client_person)
    draft = next((v for v in versions if v.is_draft), None)
    in_effect = next((v for v in versions if v.signed_at and not v.superseded_at), None)
    return FamilyAftercareView(client, episode, draft, in_effect, versions, people)


def shared_signs(client: Client) -> list[PlanWarningSign]:
    """The warning signs the client put on their own copy of the plan in effect."""
    plan = RelapsePreventionPlan.objects.in_effect().filter(client=client).first()
    if plan is None:
        return []
    return list(plan.warning_signs.filter(in_client_copy=True).order_by("order", "created_at"))


def family_aftercare_text(plan: FamilyAftercarePlan) -> str:
    """What the author signs (and what its hash proves)."""
    lines = [
        f"Family aftercare plan, version {plan.version}",
        f"Client: {client_identity(plan.client)}",
        "",
    ]
    if plan.family_not_involved:
        lines += labelled_block("The client chose not to involve family", plan.not_involved_reason)
    for s in plan.supporters.all():
        lines += labelled_block(f"Supporter: {s.client_person.person.full_name}", s.role)
    lines += labelled_block("Communication", plan.communication)
    lines += labelled_block("Boundaries", plan.boundaries)
    for w in plan.warning_signs.all():
        lines += labelled_block(f"Warning sign: {w.sign}", w.family_does)
    for r in plan.referrals.all():
        detail = ", ".join(x for x in (r.contact, r.notes) if x)
        lines += labelled_block(f"Referral ({r.get_kind_display()}): {r.name}", detail)
    for f in plan.follow_ups.all():
        lines.append(f"Follow-up: {long_date(f.on_date)}: {f.what}")
    return lines_text(lines)


# ---------------------------------------------------------------- writing


def _open_episode(client: Client, by: User) -> Episode:
    aftercare_write_check(by, client)
    episode = episode_for(client)
    if episode is None:
        raise ValidationError(NO_EPISODE)
    locked = Episode.objects.select_for_update().select_related("program").get(pk=episode.pk)
    if locked.discharged_on is not None:
        raise ValidationError(CLOSED, code="closed")
    return locked


def _draft(plan: FamilyAftercarePlan, by: User) -> FamilyAftercarePlan:
    """The plan's row held for this write; refused once signed or once the episode closed."""
    _open_episode(plan.client, by)
    locked = FamilyAftercarePlan.objects.select_for_update().get(pk=plan.pk)
    if not locked.is_draft:
        raise ValidationError(LOCKED, code="locked")
    return locked


def _draw_signs(plan: FamilyAftercarePlan, by: User, kept: dict[Any, str]) -> None:
    for order, sign in enumerate(shared_signs(plan.client)):
        FamilyWarningSign.objects.create(
            plan=plan,
            source=sign,
            sign=sign.description,
            family_does=kept.get(sign.pk) or kept.get(sign.description, ""),
            order=order,
            created_by=by,
        )


@transaction.atomic
def family_aftercare_start(*, client: Client, by: User) -> FamilyAftercarePlan:
    """The draft: the first version, or a copy of the one in effect (every row carried)."""
    episode = _open_episode(client, by)
    existing = FamilyAftercarePlan.objects.filter(episode=episode)
    draft = existing.drafts().first()
    if draft is not None:
        return draft
    current = plan_with_rows(existing.in_effect()).first()
    version = (existing.aggregate(v=Max("version"))["v"] or 0) + 1
    plan = FamilyAftercarePlan.objects.create(
        client=client,
        program_id=client.program_id,
        episode=episode,
        version=version,
        previous=current,
        communication=current.communication if current else "",
        boundaries=current.boundaries if current else "",
        family_not_involved=current.family_not_involved if current else False,
        not_involved_reason=current.not_involved_reason if current else "",
        created_by=by,
    )
    kept: dict[Any, str] = {}
    if current is not None:
        for s in current.supporters.all():
            FamilySupporter.objects.create(
                plan=plan,
                client_person_id=s.client_person_id,
                role=s.role,
                order=s.order,
                created_by=by,
            )
        for r in current.referrals.all():
            FamilyReferral.objects.create(
                plan=plan,
                kind=r.kind,
                name=r.name,
                contact=r.contact,
                notes=r.notes,
                order=r.order,
                created_by=by,
            )
        for f in current.follow_ups.all():
            FamilyFollowUp.objects.create(plan=plan, on_date=f.on_date, what=f.what, created_by=by)
        for w in current.warning_signs.all():
            kept[w.source_id] = w.family_does
            kept[w.sign] = w.family_does
    # The signs are drawn afresh: the client may have changed what their copy shares.
    _draw_signs(plan, by, kept)
    return plan


@transaction.atomic
def family_aftercare_save(
    *,
    plan: FamilyAftercarePlan,
    by: User,
    communication: str,
    boundaries: str,
    family_not_involved: bool,
    not_involved_reason: str,
) -> FamilyAftercarePlan:
    locked = _draft(plan, by)
    if family_not_involved and not not_involved_reason.strip():
        raise ValidationError({"not_involved_reason": [NO_REASON]})
    if family_not_involved and locked.supporters.exists():
        raise ValidationError({"family_not_involved": [SUPPORTERS_BUT_NOT_INVOLVED]})
    locked.communication = communication.strip()
    locked.boundaries = boundaries.strip()
    locked.family_not_involved = family_not_involved
    locked.not_involved_reason = not_involved_reason.strip() if family_not_involved else ""
    locked.save()
    return locked


def _next_order(rows: Any) -> int:
    return (rows.aggregate(o=Max("order"))["o"] or 0) + 1


@transaction.atomic
def family_supporter_add(
    *, plan: FamilyAftercarePlan, by: User, client_person_id: UUID | str, role: str
) -> FamilySupporter:
    locked = _draft(plan, by)
    link = (
        ClientPerson.objects.select_related("person")
        .filter(pk=client_person_id, client_id=locked.client_id)
        .first()
    )
    errors: dict[str, list[str]] = {}
    if link is None:
        errors["client_person"] = [NOT_THIS_CLIENT]
    elif link.do_not_contact:
        errors["client_person"] = [DNC_SUPPORTER.format(name=link.person.full_name)]
    elif locked.family_not_involved:
        errors["client_person"] = [SUPPORTERS_BUT_NOT_INVOLVED]
    if not role.strip():
        errors["role"] = [NO_ROLE]
    if errors:
        raise ValidationError(errors)
    assert link is not None
    try:
        with transaction.atomic():
            return FamilySupporter.objects.create(
                plan=locked,
                client_person=link,
                role=role.strip(),
                order=_next_order(locked.supporters),
                created_by=by,
            )
    except IntegrityError:
        raise ValidationError(
            {"client_person": [TWICE.format(name=link.person.full_name)]}
        ) from None


@transaction.atomic
def family_sign_edit(
    *, plan: FamilyAftercarePlan, by: User, row_id: UUID | str, family_does: str
) -> FamilyWarningSign:
    locked = _draft(plan, by)
    row = locked.warning_signs.select_for_update().filter(pk=row_id).first()
    if row is None:
        raise ValidationError(GONE, code="gone")
    row.family_does = family_does.strip()
    row.save(update_fields=["family_does", "updated_at"])
    return row


@transaction.atomic
def family_signs_refresh(*, plan: FamilyAftercarePlan, by: User) -> int:
    """Draw the signs again from the client's copy as it is now, keeping what the family
    does for each sign still there. Returns how many signs the plan now has."""
    locked = _draft(plan, by)
    kept: dict[Any, str] = {}
    for w in locked.warning_signs.all():
        kept[w.source_id] = w.family_does
        kept[w.sign] = w.family_does
    locked.warning_signs.all().delete()
    _draw_signs(locked, by, kept)
    return locked.warning_signs.count()


@transaction.atomic
def family_referral_add(
    *, plan: FamilyAftercarePlan, by: User, kind: str, name: str, contact: str = "", notes: str = ""
) -> FamilyReferral:
    locked = _draft(plan, by)
    errors: dict[str, list[str]] = {}
    if kind not in ReferralKind.values:
        errors["kind"] = ["Choose what kind of referral it is."]
    if not name.strip():
        errors["name"] = [NO_REFERRAL_NAME]
    if errors:
        raise ValidationError(errors)
    return FamilyReferral.objects.create(
        plan=locked,
        kind=kind,
        name=name.strip(),
        contact=contact.strip(),
        notes=notes.strip(),
        order=_next_order(locked.referrals),
        created_by=by,
    )


@transaction.atomic
def family_follow_up_add(
    *, plan: FamilyAftercarePlan, by: User, on_date: datetime.date, what: str
) -> FamilyFollowUp:
    locked = _draft(plan, by)
    errors: dict[str, list[str]] = {}
    if not what.strip():
        errors["what"] = [NO_FOLLOW_UP]
    if on_date < locked.program.today():
        errors["on_date"] = ["A first follow-up is on or after today."]
    if errors:
        raise ValidationError(errors)
    return FamilyFollowUp.objects.create(
        plan=locked, on_date=on_date, what=what.strip(), created_by=by
    )


@transaction.atomic
def family_row_remove(*, plan: FamilyAftercarePlan, by: User, kind: str, row_id: UUID) -> None:
    """A draft's row may go (pghistory keeps what it held); the database refuses a signed
    plan's. A warning sign goes with the client's copy, not by hand: refresh the signs."""
    locked = _draft(plan, by)
    model = ROWS.get(kind)
    if model is None or model is FamilyWarningSign:
        raise ValidationError(GONE, code="gone")
    deleted, _ = model.objects.filter(plan=locked, pk=row_id).delete()
    if not deleted:
        raise ValidationError(GONE, code="gone")


def family_aftercare_sign_missing(plan: FamilyAftercarePlan) -> list[str]:
    if plan.family_not_involved:
        return [] if plan.not_involved_reason.strip() else [NO_REASON]
    return [] if plan.supporters.all() else [NO_SUPPORTER]


@transaction.atomic
def family_aftercare_sign(
    *, plan: FamilyAftercarePlan, by: User, shown_sha256: str, ip_address: str | None = None
) -> FamilyAftercarePlan:
    """The author signs the text on the screen; the version is locked and replaces the one
    in effect."""
    locked = _draft(plan, by)
    if locked.created_by_id != by.pk:
        raise ValidationError(NOT_THE_AUTHOR, code="not_author")
    locked = plan_with_rows(FamilyAftercarePlan.objects).get(pk=locked.pk)
    missing = family_aftercare_sign_missing(locked)
    if missing:
        raise ValidationError(missing)
    text = family_aftercare_text(locked)
    refuse_if_changed(text, shown_sha256, refusal=changed_since_shown("family aftercare plan"))
    signature = signature_record(
        obj=locked,
        role=SignerRole.CLINICIAN,
        signed_text=text,
        signer=by,
        ip_address=ip_address,
    )
    FamilyAftercarePlan.objects.in_effect().filter(episode_id=locked.episode_id).update(
        superseded_at=signature.signed_at
    )
    locked.signed_by, locked.signed_at, locked.signed_text = by, signature.signed_at, text
    locked.save()
    return locked


# ---------------------------------------------------------------- the family copy


def copy_information(link: ClientPerson) -> list[str]:
    """What a copy for this person may hold now: [] when the plan itself is refused."""
    if refusal(link, PLAN_INFO) is not None:
        return []
    held: list[str] = [PLAN_INFO]
    if sharing(link).covers(SIGN_AND_COPY):
        held.append(SIGN_AND_COPY)
    # The family education group: when the family came (the client's own people only).
    if sharing(link).covers(ConsentInformation.ATTENDANCE):
        held.append(ConsentInformation.ATTENDANCE)
    return held


@transaction.atomic
def family_copy_request(*, plan: FamilyAftercarePlan, link: ClientPerson, by: User) -> FamilyCopy:
    """A copy for one person, rendered by a worker once this commits; refused (and nothing
    stored) when their consent does not allow the plan."""
    from family.documents import FAMILY_AFTERCARE_COPY
    from iop.reports.services import report_request

    aftercare_write_check(by, plan.client)
    if plan.is_draft or plan.superseded_at is not None:
        raise ValidationError(UNSIGNED_COPY, code="unsigned")
    if link.client_id != plan.client_id:
        raise ValidationError(NOT_THIS_CLIENT)
    # Read the person's state afresh inside the transaction: a mark or revocation made a
    # moment ago wins.
    link = with_consents(
        ClientPerson.objects.select_for_update(of=("self",)).select_related("person")
    ).get(pk=link.pk)
    reason = refusal(link, PLAN_INFO)
    if reason is not None:
        raise ValidationError(reason, code="refused")
    consent = sharing(link).consent
    assert consent is not None
    information = copy_information(link)
    copy = FamilyCopy.objects.create(
        plan=plan,
        client=plan.client,
        client_person=link,
        consent=consent,
        recipient_name=link.person.full_name,
        information=information,
        requested_by=by,
    )
    report = report_request(kind=FAMILY_AFTERCARE_COPY, client=plan.client, subject=copy, by=by)
    copy.report = report
    copy.save(update_fields=["report"])
    what = " and ".join(ConsentInformation(i).label.lower() for i in information)
    audit_event_record(
        action=AuditAction.REPORT_DISCLOSED,
        actor=by,
        obj=copy,
        client=plan.client,
        summary=f"Family aftercare plan copy for {link.person.full_name} "
        f"({link.relationship_label}): {what}, under their consent",
    )
    return copy


def copies_for(plan: FamilyAftercarePlan | None) -> list[FamilyCopy]:
    if plan is None:
        return []
    return list(
        FamilyCopy.objects.filter(plan=plan)
        .select_related("report", "client_person__person")
        .order_by("-created_at")[:20]
    )
