"""The program's service codes: directors add, relabel and retire them; demo defaults."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from iop.accounts import permissions
from iop.accounts.models import Program, User
from scheduling.models import BILLED_KINDS, ServiceCode, SessionKind

KINDS = {value for value, _label in BILLED_KINDS}
IND, FAM, MED = SessionKind.INDIVIDUAL, SessionKind.FAMILY, SessionKind.MEDICATION

# A starting list for a US IOP (CPT and HCPCS codes; the labels are our own short wording).
DEFAULT_CODES: list[tuple[str, str, list[str]]] = [
    ("90832", "Psychotherapy, 16-37 minutes", [IND]),
    ("90834", "Psychotherapy, 38-52 minutes", [IND]),
    ("90837", "Psychotherapy, 53 minutes or more", [IND]),
    ("90846", "Family psychotherapy, client not present", [FAM]),
    ("90847", "Family psychotherapy, client present", [FAM]),
    ("99213", "Office visit, established client, low complexity", [MED]),
    ("99214", "Office visit, established client, moderate complexity", [MED]),
    ("90833", "Psychotherapy add-on with a medical visit, 16-37 minutes", [MED]),
    ("H0015", "Intensive outpatient, per diem", [IND, FAM, MED]),
]


def _clean(code: str, label: str, kinds: Iterable[str]) -> tuple[str, str, list[str]]:
    errors: dict[str, str] = {}
    code, label = code.strip().upper(), " ".join(label.split())
    chosen = sorted(set(kinds))
    if not code:
        errors["code"] = "Give the code, e.g. 90834."
    elif not code.isalnum() or len(code) > 10:
        errors["code"] = "A code is letters and digits only, up to 10, e.g. 90834 or H0015."
    if not label:
        errors["label"] = "Give a short description staff will recognize."
    if not chosen or not set(chosen) <= KINDS:
        errors["kinds"] = "Choose the notes this code is used on."
    if errors:
        raise ValidationError(errors)
    return code, label, chosen


@transaction.atomic
def service_code_save(
    *,
    program: Program,
    code: str,
    label: str,
    kinds: Iterable[str],
    active: bool,
    actor: User,
    service_code: ServiceCode | None = None,
) -> ServiceCode:
    """Add a code to the program's list, or change one (signed notes keep the text they had)."""
    if not permissions.can(actor, permissions.MANAGE_SCHEDULE, program):
        raise PermissionDenied("Only the program's directors keep its service codes.")
    code, label, chosen = _clean(code, label, kinds)
    clash = ServiceCode.objects.filter(program=program, code=code)
    if service_code is not None:
        clash = clash.exclude(pk=service_code.pk)
    if clash.exists():
        raise ValidationError({"code": f"{code} is already on the list: change that one."})
    if service_code is None:
        service_code = ServiceCode(program=program, created_by=actor)
    service_code.code, service_code.label, service_code.kinds = code, label, chosen
    service_code.active = active
    service_code.save()
    return service_code


@transaction.atomic
def service_codes_seed(*, program: Program) -> list[ServiceCode]:
    """The default list, for a program that has none yet (demo data, a new program)."""
    if ServiceCode.objects.filter(program=program).exists():
        return []
    return ServiceCode.objects.bulk_create(
        [
            ServiceCode(program=program, code=code, label=label, kinds=kinds)
            for code, label, kinds in DEFAULT_CODES
        ]
    )
