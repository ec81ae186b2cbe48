"""Family aftercare plans for tests, built and signed through the services."""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence
from typing import Any

from pypdf import PdfReader

from family.consents import with_consents
from family.models import ClientPerson, FamilyAftercarePlan
from family.services import aftercare as services
from family.services.consents import family_consent_draft
from family.services.people import client_person_add
from iop.accounts.models import Role
from iop.reports.clinical.terms import ConsentInformation
from iop.signatures.text import content_hash
from tests.intake.consent_helpers import in_days, sign
from tests.relapse_prevention.rp_plan_helpers import add, built_draft, sign_both

PLAN_AND_SIGNS = [ConsentInformation.AFTERCARE_PLAN, ConsentInformation.WARNING_SIGNS]
SAFETY_NOTE = "Never leave him alone with the client after 9 pm"


def pdf_text(pdf: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


def person(
    client: Any,
    staff: dict[str, Any],
    first: str = "Rosa",
    last: str = "Delgado",
    information: Sequence[str] | None = None,
    signed: bool = True,
    relationship: str = "parent",
) -> ClientPerson:
    """One of the client's people; with a consent (signed unless asked) when ``information``."""
    link = client_person_add(
        client=client,
        actor=staff[Role.INTAKE],
        person_details={"first_name": first, "last_name": last},
        link_details={"relationship": relationship, "safety_notes": SAFETY_NOTE},
    )
    if information is not None:
        consent = family_consent_draft(
            link=link,
            actor=staff[Role.INTAKE],
            information=information,
            purpose="To involve them in my aftercare.",
            expires_on=in_days(180),
        )
        if signed:
            sign(consent, staff[Role.INTAKE])
    return fresh(link)


def fresh(link: ClientPerson) -> ClientPerson:
    return with_consents(ClientPerson.objects.select_related("person", "client")).get(pk=link.pk)


def rp_plan_with_signs(client: Any, clinician: Any) -> Any:
    """A signed relapse prevention plan: one sign on the client's copy, one kept off it."""
    draft = built_draft(client, clinician)  # "I stop answering texts", on the copy
    add(
        draft,
        "warning_signs",
        clinician,
        stage="middle",
        description="I sleep through the afternoon",
        in_client_copy=False,
    )
    return sign_both(draft, clinician)


def draft_plan(
    client: Any, staff: dict[str, Any], link: ClientPerson | None
) -> FamilyAftercarePlan:
    clinician = staff[Role.CLINICIAN]
    plan = services.family_aftercare_start(client=client, by=clinician)
    services.family_aftercare_save(
        plan=plan,
        by=clinician,
        communication="We talk after dinner, not when tired",
        boundaries="No loans of money or the car",
        family_not_involved=False,
        not_involved_reason="",
    )
    if link is not None:
        services.family_supporter_add(
            plan=plan, by=clinician, client_person_id=link.pk, role="Drives her to Tuesday meetings"
        )
    for row in plan.warning_signs.all():
        services.family_sign_edit(
            plan=plan, by=clinician, row_id=row.pk, family_does="Ask gently how she is doing"
        )
    services.family_referral_add(
        plan=plan, by=clinician, kind="support_group", name="Al-Anon Riverside", contact="555-0100"
    )
    services.family_follow_up_add(
        plan=plan,
        by=clinician,
        on_date=client.program.today() + datetime.timedelta(days=7),
        what="First Al-Anon meeting",
    )
    return FamilyAftercarePlan.objects.get(pk=plan.pk)


def sign_plan(plan: FamilyAftercarePlan, by: Any) -> FamilyAftercarePlan:
    shown = services.plan_with_rows(FamilyAftercarePlan.objects).get(pk=plan.pk)
    return services.family_aftercare_sign(
        plan=plan, by=by, shown_sha256=content_hash(services.family_aftercare_text(shown))
    )


def signed_family_plan(
    client: Any, staff: dict[str, Any], link: ClientPerson
) -> FamilyAftercarePlan:
    rp_plan_with_signs(client, staff[Role.CLINICIAN])
    return sign_plan(draft_plan(client, staff, link), staff[Role.CLINICIAN])


def family_aftercare_samples(client_record: Any, staff: dict[str, Any]) -> dict[str, str]:
    """URL keywords of the family aftercare pages (a ready copy, so the download answers)."""
    from iop.reports.services import report_render_one

    link = person(client_record, staff, first="Matrix", information=PLAN_AND_SIGNS)
    plan = sign_plan(draft_plan(client_record, staff, link), staff[Role.CLINICIAN])
    copy = services.family_copy_request(plan=plan, link=link, by=staff[Role.CLINICIAN])
    report_render_one(report_id=str(copy.report_id))
    return {
        "family_report_id": str(copy.report_id),
        "link_id": str(link.pk),
        "row_id": str(plan.referrals.get().pk),
        "row_kind": "referral",
    }
