"""Writing drug screens: record a specimen with its results, enter lab results later,
interpret, sign (which locks it in the database) and add signed addenda.

Each write is one function in one transaction: a refusal leaves nothing half-saved. A
refusal names the field it is about, so the form shows it beside what was typed.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from iop.accounts import permissions
from iop.accounts.models import User
from iop.clients.models import Client, Episode
from iop.signatures.models import SignerRole
from iop.signatures.services import signature_record
from iop.signatures.text import (
    addendum_text,
    changed_since_shown,
    client_identity,
    content_hash,
    labelled_block,
    lines_text,
    long_date,
    refuse_if_changed,
)
from relapse_prevention.models import (
    NOT_COLLECTED,
    AnalyteResult,
    ResultReading,
    ScreenPanel,
    SelectionOutcome,
    Specimen,
    SpecimenAddendum,
    TestingSite,
    Validity,
)
from relapse_prevention.readings import specimen_reading, specimens_for_reading
from relapse_prevention.services import random_screens

SPECIMEN_LOCKED = "This screen is signed and locked: correct it with an addendum."


@dataclass(frozen=True)
class ResultInput:
    """One analyte row as typed: blank readings are None."""

    analyte_id: Any
    screen_result: str | None = None
    confirmation_result: str | None = None
    cutoff: Decimal | None = None
    value: Decimal | None = None


def current_panels() -> list[ScreenPanel]:
    """The newest non-retired version of each panel code."""
    newest: dict[str, ScreenPanel] = {}
    for panel in ScreenPanel.objects.filter(retired=False).order_by("code", "-version"):
        newest.setdefault(panel.code, panel)
    return sorted(newest.values(), key=lambda p: p.name)


def _require(actor: User, client: Client) -> None:
    if not permissions.can(actor, permissions.RECORD_DRUG_SCREENS, client.program):
        raise PermissionDenied("Only clinicians and prescribers of the program record screens.")


def _save_results(specimen: Specimen, results: Sequence[ResultInput]) -> None:
    if specimen.validity in NOT_COLLECTED:
        if any(r.screen_result or r.confirmation_result or r.value is not None for r in results):
            raise ValidationError(
                {"validity": "No specimen was tested: a refusal or no-show has no results."}
            )
        return
    analytes = {str(a.pk): a for a in specimen.panel.analytes.all()}
    existing = {str(r.analyte_id): r for r in specimen.results.all()}
    readings = set(ResultReading.values)
    for row in results:
        analyte = analytes.get(str(row.analyte_id))
        if analyte is None:
            raise ValidationError({"results": "A result names an analyte not on this panel."})
        for reading in (row.screen_result, row.confirmation_result):
            if reading is not None and reading not in readings:
                raise ValidationError({"results": f"{analyte.name}: choose negative or positive."})
        if row.confirmation_result and not row.screen_result:
            raise ValidationError(
                {"results": f"{analyte.name}: a confirmation result needs a screen result first."}
            )
        cutoff = analyte.screen_cutoff if row.cutoff is None else row.cutoff
        if cutoff < 0 or (row.value is not None and row.value < 0):
            raise ValidationError({"results": f"{analyte.name}: amounts cannot be negative."})
        result = existing.get(str(analyte.pk)) or AnalyteResult(specimen=specimen, analyte=analyte)
        result.screen_result = row.screen_result
        result.confirmation_result = row.confirmation_result
        result.cutoff = cutoff
        result.value = row.value
        result.save()


@transaction.atomic
def specimen_record(
    *,
    client: Client,
    actor: User,
    panel: ScreenPanel,
    ordered_by: User,
    collected_at: datetime.datetime,
    collected_by: User | None,
    validity: str,
    testing_site: str = TestingSite.POINT_OF_CARE,
    lab_or_device: str = "",
    observed: bool = False,
    results: Sequence[ResultInput] = (),
) -> Specimen:
    """One collection (or refusal, inability, no-show) with its results, all or nothing."""
    _require(actor, client)
    program = client.program
    episode = Episode.objects.open().filter(client=client).first()
    if episode is None:
        raise ValidationError("This client has no open episode of care: admit them first.")
    if validity not in Validity.values:
        raise ValidationError({"validity": "Choose a validity from the list."})
    if testing_site not in TestingSite.values:
        raise ValidationError({"testing_site": "Choose a testing site from the list."})
    if panel.retired:
        raise ValidationError({"panel": "This panel version is retired: choose a current one."})
    if collected_at > timezone.now():
        raise ValidationError({"collected_at": "The collection time cannot be in the future."})
    if program.local_date(collected_at) < episode.admitted_on:
        raise ValidationError(
            {
                "collected_at": "The collection time is before the admission on "
                f"{long_date(episode.admitted_on)}."
            }
        )
    for field, user in (("ordered_by", ordered_by), ("collected_by", collected_by)):
        if user is not None and not permissions.can(user, permissions.RECORD_DRUG_SCREENS, program):
            raise ValidationError({field: "Choose a clinician or prescriber of this program."})
    specimen = Specimen.objects.create(
        client=client,
        episode=episode,
        panel=panel,
        ordered_by=ordered_by,
        collected_at=collected_at,
        collected_by=collected_by,
        observed=observed,
        specimen_type=panel.specimen_type,
        validity=validity,
        testing_site=testing_site,
        lab_or_device=lab_or_device.strip(),
        created_by=actor,
    )
    _save_results(specimen, results)
    # A client drawn for a random screen that day has given it (or refused it, on record).
    selection = random_screens.selection_for(client, program.local_date(collected_at))
    if selection is not None and selection.outcome == SelectionOutcome.PENDING:
        random_screens.selection_collected(selection, specimen)
    return specimen


@transaction.atomic
def specimen_results_save(
    *, specimen: Specimen, actor: User, results: Sequence[ResultInput]
) -> Specimen:
    """Results entered later (a lab's), while the specimen is not signed."""
    specimen = (
        Specimen.objects.select_for_update().select_related("client__program").get(pk=specimen.pk)
    )
    _require(actor, specimen.client)
    if specimen.is_signed:
        raise ValidationError(SPECIMEN_LOCKED)
    _save_results(specimen, results)
    return specimen


@transaction.atomic
def specimen_interpret(*, specimen: Specimen, actor: User, interpretation: str) -> Specimen:
    """The clinician's interpretation; whoever writes it becomes the one who signs."""
    specimen = (
        Specimen.objects.select_for_update().select_related("client__program").get(pk=specimen.pk)
    )
    _require(actor, specimen.client)
    if specimen.is_signed:
        raise ValidationError(SPECIMEN_LOCKED)
    text = interpretation.strip()
    if not text:
        raise ValidationError({"interpretation": "Write the interpretation."})
    if specimen.interpreted_by_id not in (None, actor.pk):
        raise PermissionDenied(
            "Another clinician is interpreting this screen: only they change and sign it."
        )
    specimen.interpretation = text
    specimen.interpreted_by = actor
    specimen.save(update_fields=["interpretation", "interpreted_by", "updated_at"])
    return specimen


def _reading_line(label: str, text: str) -> str:
    return f"  {label}: {text}"


def specimen_signed_text(specimen: Specimen) -> str:
    """What a signature covers: the specimen's facts, the computed reading, the
    interpretation. Pass a specimen from specimens_for_reading."""
    program = specimen.client.program
    reading = specimen_reading(specimen)
    collected = program.local(specimen.collected_at)
    lines = [
        f"Drug screen: {specimen.panel} ({specimen.get_specimen_type_display()})",
        f"Client: {client_identity(specimen.client)}",
        f"Collected: {long_date(collected.date())} at {collected:%H:%M}",
        f"Ordered by: {specimen.ordered_by.display_name}",
        f"Collected by: {specimen.collected_by.display_name if specimen.collected_by else '—'}",
        f"Observed: {'yes' if specimen.observed else 'no'}",
        f"Validity: {specimen.get_validity_display()}",
        f"Testing site: {specimen.get_testing_site_display()}"
        + (f", {specimen.lab_or_device}" if specimen.lab_or_device else ""),
        f"Reading: {reading.headline}",
    ]
    for analyte in reading.analytes:
        result = analyte.result
        value = f", value {result.value} {result.analyte.unit}" if result.value is not None else ""
        lines.append(
            _reading_line(
                analyte.name,
                f"{analyte.text} (cut-off {result.cutoff} {result.analyte.unit}{value})",
            )
        )
    lines += labelled_block("Interpretation", specimen.interpretation)
    return lines_text(lines)


def specimen_for_signing(pk: Any) -> Specimen:
    return specimens_for_reading(
        Specimen.objects.filter(pk=pk).select_related(
            "ordered_by", "collected_by", "interpreted_by", "signed_by"
        )
    ).get()


def sign_refusal(actor: User, specimen: Specimen) -> str:
    """Why ``actor`` cannot sign now, or "" when they can."""
    if specimen.is_signed:
        return SPECIMEN_LOCKED
    if not specimen.interpretation.strip():
        return "Write the interpretation before signing."
    if specimen.interpreted_by_id != actor.pk:
        name = specimen.interpreted_by.display_name if specimen.interpreted_by else "another"
        return f"Interpreted by {name}: only they sign it."
    return ""


@transaction.atomic
def specimen_sign(*, specimen: Specimen, actor: User, shown_sha256: str) -> Specimen:
    """Sign the text the signer was shown: it is stored, hashed and locked."""
    Specimen.objects.select_for_update().filter(pk=specimen.pk).get()
    specimen = specimen_for_signing(specimen.pk)
    _require(actor, specimen.client)
    refusal = sign_refusal(actor, specimen)
    if refusal == SPECIMEN_LOCKED or refusal.startswith("Write"):
        raise ValidationError(refusal)
    if refusal:
        raise PermissionDenied(refusal)
    text = specimen_signed_text(specimen)
    refuse_if_changed(text, shown_sha256, refusal=changed_since_shown("screen"))
    signature = signature_record(
        obj=specimen, role=SignerRole.CLINICIAN, signed_text=text, signer=actor
    )
    specimen.signed_at, specimen.signed_by = signature.signed_at, actor
    specimen.signed_text, specimen.content_sha256 = text, content_hash(text)
    specimen.save(
        update_fields=["signed_at", "signed_by", "signed_text", "content_sha256", "updated_at"]
    )
    return specimen


@transaction.atomic
def specimen_addendum_add(*, specimen: Specimen, actor: User, text: str) -> SpecimenAddendum:
    """A correction or addition to a signed screen, signed as it is written."""
    specimen = Specimen.objects.select_related("client__program").get(pk=specimen.pk)
    _require(actor, specimen.client)
    if not specimen.is_signed:
        raise ValidationError("Change the screen itself: addenda are for signed screens.")
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Write the addendum."})
    now = timezone.now()
    collected = specimen.client.program.local_date(specimen.collected_at)
    signed_text = addendum_text(
        f"the drug screen of {long_date(collected)}", specimen.content_sha256, text
    )
    addendum = SpecimenAddendum.objects.create(
        specimen=specimen,
        author=actor,
        text=text,
        signed_at=now,
        content_sha256=content_hash(signed_text),
        created_by=actor,
    )
    signature_record(
        obj=addendum,
        role=SignerRole.CLINICIAN,
        signed_text=signed_text,
        signer=actor,
        signed_at=now,
    )
    return addendum
