"""Consents: the text a client reads and signs, signing it, revoking it, and its PDF.

The text is built from the consent's fields, so the screen, the signatures' hashes and
the PDF all come from one function (``consent_text``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from intake.models.consent import Consent, ConsentKind, SignerRelationship
from intake.models.consent_text import TreatmentConsentText
from intake.models.referral import Referral
from iop.accounts import permissions
from iop.accounts.models import Program, User
from iop.audit.models import AuditAction
from iop.audit.services import audit_event_record
from iop.clients.models import Client
from iop.reports.pdf import render_pdf
from iop.signatures.models import Signature, SignerRole, content_hash
from iop.signatures.services import signature_record
from iop.signatures.text import (
    changed_since_shown,
    client_identity,
    labelled,
    long_date,
    paragraphs_text,
    refuse_if_changed,
    shown_hash,
)

AGREEMENT = (
    "By signing, you confirm that you have read this consent, or had it read to you, "
    "and that you agree to it."
)
TITLES = {
    ConsentKind.TREATMENT: "Consent to treatment",
    ConsentKind.DISCLOSURE: (
        "Consent to disclose substance use disorder treatment records (42 CFR part 2, section 2.31)"
    ),
    ConsentKind.CRIMINAL_JUSTICE: (
        "Consent to disclose substance use disorder treatment records to the criminal "
        "justice system (42 CFR part 2, sections 2.31 and 2.35)"
    ),
}


@dataclass(frozen=True)
class Paragraph:
    label: str
    text: str

    def __str__(self) -> str:
        return labelled(self.label, self.text)


def _expiry(consent: Consent) -> str:
    if consent.expires_on and consent.expiry_event:
        on = long_date(consent.expires_on)
        return f"On {on}, or earlier if this happens: {consent.expiry_event}"
    if consent.expires_on:
        return f"On {long_date(consent.expires_on)}"
    if consent.expiry_event:
        return f"When this happens: {consent.expiry_event}"
    return "When your treatment in this program ends, or when you withdraw it"


def _recipient(consent: Consent) -> str:
    if consent.recipient_user is not None:
        return f"{consent.recipient_user.display_name}, probation officer"
    return consent.recipient_display


def _client_line(consent: Consent) -> Paragraph:
    return Paragraph("Client", client_identity(consent.client))


def _stored_paragraphs(signed_text: str) -> list[Paragraph]:
    """The paragraphs of the text as it was signed (the first block is the title)."""
    paragraphs = []
    for block in signed_text.split("\n\n")[1:]:
        label, _, text = block.partition(": ")
        if text and label in PARAGRAPH_LABELS:
            paragraphs.append(Paragraph(label, text))
        else:
            paragraphs.append(Paragraph("", block))
    return paragraphs


PARAGRAPH_LABELS = {
    "Client",
    "Program",
    "Treatment",
    "This consent lasts",
    "Right to withdraw and how",
    "Who may disclose",
    "Recipient",
    "Information that may be disclosed",
    "Purpose of the disclosure",
    "This consent expires",
    "Right to revoke and how",
    "Duration",
    "Cannot be revoked before",
    "Cannot be revoked before this event",
}


def consent_paragraphs(consent: Consent) -> list[Paragraph]:
    """The consent as the client reads it, one paragraph per element; once signed, as signed."""
    if consent.signed_text:
        return _stored_paragraphs(consent.signed_text)
    if consent.kind == ConsentKind.TREATMENT:
        return [
            _client_line(consent),
            Paragraph("Program", consent.discloser),
            Paragraph("Treatment", consent.purpose),
            Paragraph("This consent lasts", _expiry(consent)),
            Paragraph("Right to withdraw and how", consent.revocation_terms),
            Paragraph("", AGREEMENT),
        ]
    paragraphs = [
        _client_line(consent),
        Paragraph("Who may disclose", consent.discloser),
        Paragraph("Recipient", _recipient(consent)),
        Paragraph("Information that may be disclosed", "; ".join(consent.information_labels())),
        Paragraph("Purpose of the disclosure", consent.purpose),
        Paragraph("This consent expires", _expiry(consent)),
        Paragraph("Right to revoke and how", consent.revocation_terms),
    ]
    if consent.kind == ConsentKind.CRIMINAL_JUSTICE:
        paragraphs.append(Paragraph("Duration", consent.duration))
        if consent.irrevocable_until:
            paragraphs.append(
                Paragraph("Cannot be revoked before", long_date(consent.irrevocable_until))
            )
        if consent.irrevocable_until_event:
            paragraphs.append(
                Paragraph("Cannot be revoked before this event", consent.irrevocable_until_event)
            )
        if consent.reporting_frequency:
            paragraphs.append(
                Paragraph(
                    "Reports the court orders",
                    f"A compliance report {consent.get_reporting_frequency_display().lower()}, "
                    "sent to the recipient once the clinician signs it",
                )
            )
    paragraphs.append(Paragraph("", AGREEMENT))
    return paragraphs


def consent_title(consent: Consent) -> str:
    return TITLES[ConsentKind(consent.kind)]


def consent_text(consent: Consent) -> str:
    """The exact text shown for signing; its SHA-256 goes on every signature."""
    if consent.signed_text:
        return consent.signed_text
    return paragraphs_text([consent_title(consent), *map(str, consent_paragraphs(consent))])


def consent_shown_hash(consent: Consent) -> str:
    """The hash of the consent's text as the signing page shows it; the page posts it back."""
    return shown_hash(consent_text(consent))


# The built-in wording, until a director writes the program's own.
TREATMENT_DEFAULT = (
    "Intensive outpatient treatment for substance use and related mental health concerns: "
    "assessment, group and individual counseling, treatment planning, drug screening and "
    "care coordination."
)
TREATMENT_WITHDRAWAL_TERMS = (
    "You may withdraw this consent and stop treatment at any time by telling your counselor "
    "or any member of staff. Withdrawing does not affect care already given."
)


@dataclass(frozen=True)
class TreatmentWording:
    treatment: str
    withdrawal_terms: str
    version: TreatmentConsentText | None


def treatment_consent_wording(program: Program) -> TreatmentWording:
    """The program's current consent-to-treatment wording (its latest version, else ours)."""
    latest = program.treatment_consent_texts.select_related("created_by").first()
    if latest is None:
        return TreatmentWording(TREATMENT_DEFAULT, TREATMENT_WITHDRAWAL_TERMS, None)
    return TreatmentWording(latest.treatment, latest.withdrawal_terms, latest)


@transaction.atomic
def treatment_consent_text_set(
    *, program: Program, treatment: str, withdrawal_terms: str, change_note: str, by: User
) -> TreatmentConsentText:
    """A director's new version of the wording; consents already written keep theirs."""
    if not permissions.can(by, permissions.EDIT_CONSENT_TEXT, program):
        raise PermissionDenied("Only the program's director changes the consent wording.")
    errors = {}
    if not treatment.strip():
        errors["treatment"] = "Describe the treatment the client consents to."
    if not withdrawal_terms.strip():
        errors["withdrawal_terms"] = "State how the client can withdraw this consent."
    if errors:
        raise ValidationError(errors)
    version = TreatmentConsentText.objects.create(
        program=program,
        treatment=treatment.strip(),
        withdrawal_terms=withdrawal_terms.strip(),
        change_note=change_note.strip(),
        created_by=by,
    )
    audit_event_record(
        action=AuditAction.CONSENT_TEXT_CHANGED,
        actor=by,
        obj=version,
        client=None,
        summary=f"Consent-to-treatment text of {program.name} changed"
        + (f": {version.change_note}" if version.change_note else ""),
    )
    return version


def court_referral(client: Client) -> Referral | None:
    """The client's latest referral that names a court case or a probation officer."""
    return (
        client.referrals.filter(program_id=client.program_id)
        .filter(
            ~Q(court_case_number="")
            | ~Q(probation_officer_name="")
            | Q(probation_officer__isnull=False)
        )
        .select_related("probation_officer")
        .order_by("-received_on", "-created_at")
        .first()
    )


def criminal_justice_defaults(client: Client) -> dict[str, Any]:
    """What the referral already says, offered on a new criminal justice consent.

    The officer becomes the recipient; the court case names the purpose, the duration
    and the event until which the consent cannot be revoked (42 CFR 2.35).
    """
    referral = court_referral(client)
    if referral is None:
        return {}
    initial: dict[str, Any] = {}
    if referral.probation_officer is not None:
        initial["recipient_user"] = referral.probation_officer.pk
    elif referral.probation_officer_name:
        initial["recipient_name"] = f"{referral.probation_officer_name}, probation officer"
    case = referral.court_case_number
    if case:
        initial["purpose"] = (
            "Reporting attendance and progress in treatment to those monitoring it as a "
            f"condition of probation in court case {case}."
        )
        initial["duration"] = f"For the length of the probation term in court case {case}."
        initial["irrevocable_until_event"] = f"Final disposition of court case {case}"
    return initial


def _normalised(name: str) -> str:
    return " ".join(name.split()).casefold()


def probation_officers(program: Any) -> Any:
    """Accounts that can be named as a recipient: probation officers in the program."""
    return permissions.users_with(program, permissions.VIEW_DISCLOSED_REPORTS)


def _check_editor(user: User, consent: Consent) -> None:
    if not permissions.can(user, permissions.EDIT_INTAKE, consent.client.program):
        raise PermissionDenied("Only intake staff in the client's program record consents.")


def consent_sign(
    *,
    consent: Consent,
    typed_name: str,
    relationship: str,
    witness: User,
    ip_address: str | None,
    shown_sha256: str,
) -> Consent:
    """The signer's and the staff witness's signatures over the text, then the lock.

    ``shown_sha256`` is the hash of the text on the signing page (``consent_shown_hash``):
    if the consent changed since, nothing is signed."""
    _check_editor(witness, consent)
    if relationship not in SignerRelationship.values:
        raise ValidationError({"relationship": "Say who is signing."})
    typed_name = " ".join(typed_name.split())
    if not typed_name:
        raise ValidationError({"typed_name": "Type the signer's full name."})
    if relationship == SignerRelationship.CLIENT and _normalised(typed_name) != _normalised(
        consent.client.legal_name
    ):
        raise ValidationError(
            {
                "typed_name": (
                    f"The name typed does not match the client's legal name on record "
                    f"({consent.client.legal_name}). If someone else is signing for the "
                    f"client, choose 'Authorized representative'."
                )
            }
        )
    role = (
        SignerRole.CLIENT
        if relationship == SignerRelationship.CLIENT
        else SignerRole.AUTHORIZED_REPRESENTATIVE
    )
    with transaction.atomic():
        # Lock the row so two staff cannot sign the same consent at once.
        consent = Consent.objects.select_for_update().select_related("client").get(pk=consent.pk)
        if consent.signed_at:
            raise ValidationError("This consent is already signed.")
        consent.full_clean()
        if consent.expires_on and consent.expires_on < consent.client.program.today():
            raise ValidationError("This consent's expiry date has passed: write a new one.")
        text = consent_text(consent)
        refuse_if_changed(text, shown_sha256, refusal=changed_since_shown("consent"))
        signer = signature_record(
            obj=consent, role=role, signed_text=text, signer_name=typed_name, ip_address=ip_address
        )
        signature_record(
            obj=consent,
            role=SignerRole.WITNESS,
            signed_text=text,
            signer=witness,
            ip_address=ip_address,
        )
        consent.signed_text = text
        consent.signed_name = typed_name
        consent.signer_relationship = relationship
        consent.signed_at = signer.signed_at
        consent.witness = witness
        consent.save(
            update_fields=[
                "signed_name",
                "signer_relationship",
                "signed_text",
                "signed_at",
                "witness",
                "updated_at",
            ]
        )
        audit_event_record(
            action=AuditAction.CONSENT_SIGNED,
            actor=witness,
            obj=consent,
            client=consent.client,
            summary=f"{consent_title(consent)} signed by {typed_name}",
        )
    return consent


def _revoked_at(revoked_on: datetime.date, program: Program) -> datetime.datetime:
    if revoked_on == program.today():
        return timezone.now()
    # An earlier day starts at the program's midnight, not the server's or the user's.
    return program.at(revoked_on, datetime.time.min)


def _check_revocable(consent: Consent, revoked_on: datetime.date, event_passed: bool) -> None:
    if not consent.signed_at:
        raise ValidationError("This consent was never signed, so it is not in force to revoke.")
    if consent.revoked_at:
        raise ValidationError("This consent has already been revoked.")
    if revoked_on > consent.client.program.today():
        raise ValidationError({"revoked_on": "A revocation cannot be dated in the future."})
    if revoked_on < consent.client.program.local_date(consent.signed_at):
        raise ValidationError({"revoked_on": "A revocation cannot be dated before the signing."})
    if not consent.can_be_revoked_on(revoked_on):
        until = long_date(consent.irrevocable_until)  # type: ignore[arg-type]
        raise ValidationError(
            {"revoked_on": f"This criminal justice consent cannot be revoked before {until}."}
        )
    if consent.irrevocable_until_event and not event_passed:
        raise ValidationError(
            "This criminal justice consent cannot be revoked before this event: "
            f"{consent.irrevocable_until_event}. Confirm that it has happened."
        )


def consent_revoke(
    *,
    consent: Consent,
    by: User,
    revoked_on: datetime.date,
    note: str,
    event_passed: bool = False,
) -> Consent:
    """Record a client's revocation; from now on the consent authorizes nothing.

    ``event_passed``: staff confirm that the event until which a criminal justice
    consent was irrevocable has happened.
    """
    _check_editor(by, consent)
    with transaction.atomic():
        consent = Consent.objects.select_for_update().select_related("client").get(pk=consent.pk)
        _check_revocable(consent, revoked_on, event_passed)
        consent.revoked_at = _revoked_at(revoked_on, consent.client.program)
        consent.revoked_recorded_by = by
        consent.revocation_note = note.strip()
        consent.save(
            update_fields=["revoked_at", "revoked_recorded_by", "revocation_note", "updated_at"]
        )
        audit_event_record(
            action=AuditAction.CONSENT_REVOKED,
            actor=by,
            obj=consent,
            client=consent.client,
            summary=f"{consent_title(consent)} revoked as of {revoked_on:%Y-%m-%d}",
        )
    return consent


def consent_signatures(consent: Consent) -> list[Signature]:
    return list(Signature.for_object(consent).select_related("signer"))


def render_consent_pdf(consent: Consent) -> bytes:
    """A signed consent as a PDF: its text, both signatures with hashes, the 2.32 notice."""
    text = consent_text(consent)
    signatures = consent_signatures(consent)
    program = consent.client.program
    # Times print in the program's zone, as on the other PDFs, whoever downloads it.
    with timezone.override(program.zone):
        return render_pdf(
            "reports/consent.html",
            {
                "consent": consent,
                "client": consent.client,
                "title": consent_title(consent),
                "paragraphs": consent_paragraphs(consent),
                "signatures": signatures,
                "text_sha256": content_hash(text),
                "text_matches": bool(signatures)
                and all(s.content_sha256 == content_hash(text) for s in signatures),
                "with_notice": consent.kind != ConsentKind.TREATMENT,
                "printed_at": program.now(),
            },
        )
