"""The probation officer's portal: the reports disclosed to them, and checking a PDF.

An officer sees a disclosure only while its consent is in force (signed, not revoked, not
expired): a revocation or an expiry closes the portal to it at once, though the disclosure
stays recorded (the accounting lists it). They see nothing else of the record.

Verifying: a PDF handed in at court is checked against what the program issued. The file's
SHA-256 must equal the one stored when the signed report was rendered; if it does not, the
reference printed in the file (read with pypdf) says which report it claims to be, so the
page can say that this copy was changed. An officer only learns about reports disclosed to
them; staff about reports of their programs.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import re
from dataclasses import dataclass
from typing import IO, Any

from django.db.models import QuerySet

from iop.accounts import permissions
from iop.reports.clinical.models import ClinicalReport, Disclosure

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
REFERENCE = re.compile(r"\bR-[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}\b")


def portal_disclosures(
    user: Any,
    *,
    client_id: str | None = None,
    disclosed_from: datetime.date | None = None,
    disclosed_to: datetime.date | None = None,
) -> QuerySet[Disclosure]:
    """What this officer may open now, newest first; one query however many rows."""
    rows = (
        Disclosure.objects.to_recipient(user)
        .select_related("report", "report__document", "client", "client__program")
        .order_by(
            "client__legal_last_name", "client__legal_first_name", "client_id", "-disclosed_at"
        )
    )
    if client_id:
        rows = rows.filter(client_id=client_id)
    if disclosed_from:
        rows = rows.filter(disclosed_at__date__gte=disclosed_from)
    if disclosed_to:
        rows = rows.filter(disclosed_at__date__lte=disclosed_to)
    return rows


def portal_clients(user: Any) -> list[tuple[str, str]]:
    """(id, name) of the clients whose reports this officer may open: one query."""
    found = (
        portal_disclosures(user)
        .order_by("client__legal_last_name", "client__legal_first_name", "client_id")
        .values_list("client_id", "client__legal_first_name", "client__legal_last_name")
        .distinct()
    )
    return [(str(pk), f"{first} {last}") for pk, first, last in found]


def portal_disclosure(user: Any, disclosure_id: Any) -> Disclosure | None:
    return portal_disclosures(user).filter(pk=disclosure_id).first()


class Outcome:
    ISSUED = "issued"  # the very file the program issued
    CHANGED = "changed"  # claims to be a report we issued, but the bytes differ
    UNKNOWN = "unknown"  # not a report we issued (to this user)


@dataclass(frozen=True)
class Verification:
    outcome: str
    sha256: str
    claimed_reference: str = ""
    report: ClinicalReport | None = None

    @property
    def client(self) -> Any:
        return self.report.client if self.report is not None else None


class NotAPdf(ValueError):
    pass


def _reports_for(user: Any) -> QuerySet[ClinicalReport]:
    """The signed reports this user may learn about."""
    signed = ClinicalReport.objects.signed().select_related(
        "client", "client__program", "signed_by", "document"
    )
    if permissions.can(user, permissions.VIEW_DISCLOSED_REPORTS):
        disclosed = portal_disclosures(user).values("report_id")
        return signed.filter(pk__in=disclosed)
    return signed.visible_to(user, permissions.VIEW_DISCLOSURES)


def read_upload(upload: IO[bytes]) -> bytes:
    """The uploaded bytes, refused when too large or not a PDF."""
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise NotAPdf("The file is larger than 20 MB: no report we issue is that large.")
    if not data.startswith(b"%PDF-"):
        raise NotAPdf("That file is not a PDF. Choose the report's PDF file.")
    return data


def claimed_reference(data: bytes) -> str:
    """The report id printed at the top of the file's first page, or ""."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        text = reader.pages[0].extract_text() if reader.pages else ""
    except (PyPdfError, ValueError, KeyError, TypeError, IndexError):
        return ""
    found = REFERENCE.search(text or "")
    return found.group(0) if found else ""


def report_verify(user: Any, data: bytes) -> Verification:
    sha256 = hashlib.sha256(data).hexdigest()
    reports = _reports_for(user)
    issued = reports.filter(document__sha256=sha256).first()
    if issued is not None:
        return Verification(Outcome.ISSUED, sha256, issued.reference, issued)
    reference = claimed_reference(data)
    claimed = reports.filter(reference=reference).first() if reference else None
    if claimed is not None:
        return Verification(Outcome.CHANGED, sha256, reference, claimed)
    return Verification(Outcome.UNKNOWN, sha256, reference)
