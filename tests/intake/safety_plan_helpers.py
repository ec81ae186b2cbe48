"""Safety plans for tests: the client's words, a client with an open alert, plans signed the
way the signing page signs them (through the service, over the text shown)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from intake.models import SafetyAlert, SafetyPlan
from intake.services.instruments import instrument_record
from intake.services.safety_plans import (
    safety_plan_save,
    safety_plan_sign,
    safety_plan_start,
    safety_plan_text,
)
from iop.accounts.models import Role
from iop.signatures.models import SignerRole, content_hash
from tests.factories import ClientFactory, EpisodeFactory

WORDS = {
    "warning_signs": "When I stop answering my sister's texts and stay in bed all day.",
    "coping_strategies": "Walk the dog round the reservoir; cold water on my face; box breathing.",
    "distractions": "The library on Main Street; my cousin Dee's kitchen.",
    "help_contacts": "My sister Ana, 555-0142. My sponsor Luis, 555-0199.",
    "professionals": "My counselor at the program, weekdays 9 to 5.",
    "safer_environment": "Ana keeps my pills and locks them; no alcohol in the house.",
    "reasons_for_living": "My daughter's graduation next June, and my dog Biscuit.",
}
PHQ9_ITEM9 = {**{str(item): 1 for item in range(1, 10)}, "9": 2}


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def client_with_alert(program: Any, by: Any, first: str = "Rosa", last: str = "Delgado") -> Any:
    client: Any = ClientFactory(program=program, legal_first_name=first, legal_last_name=last)
    EpisodeFactory(client=client)
    instrument_record(client=client, instrument="phq9", answers=PHQ9_ITEM9, by=by)
    return client


def open_alert(client: Any) -> SafetyAlert:
    return SafetyAlert.objects.open().get(client=client)


def written_draft(client: Any, by: Any, **changes: str) -> SafetyPlan:
    plan = safety_plan_start(client=client, by=by)
    words = {field: getattr(plan, field) or WORDS[field] for field in WORDS} | changes
    safety_plan_save(plan=plan, by=by, review_on=in_days(30), **words)
    return SafetyPlan.objects.get(pk=plan.pk)


def sign_both(plan: SafetyPlan, clinician: Any) -> SafetyPlan:
    shown = content_hash(safety_plan_text(plan))
    name = plan.client.legal_name
    plan = safety_plan_sign(
        plan=plan, role=SignerRole.CLIENT, by=clinician, shown_sha256=shown, typed_name=name
    )
    return safety_plan_sign(plan=plan, role=SignerRole.CLINICIAN, by=clinician, shown_sha256=shown)


def signed_plan(client: Any, by: Any, **changes: str) -> SafetyPlan:
    return sign_both(written_draft(client, by, **changes), by)


def safety_plan_samples(program: Any, staff: dict[str, Any]) -> dict[str, str]:
    """For the role matrix: a signed plan of a client of its own, its ready client copy, and
    the program (for its crisis line)."""
    from iop.reports.models import Report, ReportStatus
    from iop.reports.services import report_request, sha256_of

    clinician = staff[Role.CLINICIAN]
    plan = signed_plan(client_with_alert(program, clinician, "Mara", "Lind"), clinician)
    report = report_request(
        kind="safety_plan_client", client=plan.client, subject=plan, by=clinician
    )
    pdf = b"%PDF-1.4\n% a stand-in for a rendered safety plan\n%%EOF\n"
    store_file(f"reports/{report.pk}.pdf", pdf)
    Report.objects.filter(pk=report.pk).update(
        status=ReportStatus.READY,
        file_path=f"reports/{report.pk}.pdf",
        sha256=sha256_of(pdf),
        size=len(pdf),
        rendered_at=timezone.now(),
    )
    return {
        "safety_plan_id": str(plan.pk),
        "safety_report_id": str(report.pk),
        "program_id": str(program.pk),
    }


def store_file(relative: str, data: bytes) -> None:
    from pathlib import Path

    from django.conf import settings

    path = Path(settings.MEDIA_ROOT) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
