"""Progress notes: one per client per session, signed and then locked by the database.

A group session has one shared part (``GroupNote``: topic, interventions, duration),
written once, and one ``ProgressNote`` per attendee holding that client's individual
part; the shared text is copied into each note's signed text so every client's chart
holds a complete note of its own. Individual, family and medication-management notes
use the program's format (DAP, BIRP or SOAP). Corrections are signed addenda.
"""

from __future__ import annotations

from typing import Any

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q

from iop import locks
from iop.accounts import permissions
from iop.accounts.models import Program
from iop.base import TimeStampedModel
from iop.clients.models import Client, Episode
from iop.signatures.models import lock_when_signed
from scheduling.models.billing import ServiceCode
from scheduling.models.sessions import Session, SessionKind
from treatment_plans.models import PlanObjective


class NoteFormat(models.TextChoices):
    DAP = "dap", "DAP (data, assessment, plan)"
    BIRP = "birp", "BIRP (behavior, intervention, response, plan)"
    SOAP = "soap", "SOAP (subjective, objective, assessment, plan)"
    GROUP = "group", "Group note (individual part)"


# Section keys renamed since notes were first signed (BIRP's "behavior" was once stored in
# British spelling): a signed note is locked and keeps the key it was signed under, so it is
# read under that key too. Unsigned notes were moved to the new key (scheduling migration
# 0012, since squashed).
SIGNED_UNDER = {"behavior": "behaviour"}

# The sections of each format, in order: (key, label, prompt shown under the field).
FORMAT_SECTIONS: dict[str, list[tuple[str, str, str]]] = {
    NoteFormat.DAP: [
        ("data", "Data", "What the client said and did; what you observed."),
        ("assessment", "Assessment", "Your clinical reading of it, tied to the plan."),
        ("plan", "Plan", "Next steps, homework, next session."),
    ],
    NoteFormat.BIRP: [
        ("behavior", "Behavior", "Presentation, mood, what the client brought."),
        ("intervention", "Intervention", "What you did."),
        ("response", "Response", "How the client responded."),
        ("plan", "Plan", "Next steps."),
    ],
    NoteFormat.SOAP: [
        ("subjective", "Subjective", "The client's report in their words."),
        ("objective", "Objective", "Observations, vitals, screens."),
        ("assessment", "Assessment", "Clinical impression and progress."),
        ("plan", "Plan", "Medication changes, next steps."),
    ],
    NoteFormat.GROUP: [
        ("participation", "Participation", "How this client took part."),
        ("response", "Response", "Their response to the topic and interventions."),
        ("progress", "Progress toward their objectives", "Tie it to the objectives beside."),
        ("safety", "Safety", "Risk observed or reported; 'None observed' if none."),
    ],
}


@locks.track()
class GroupNote(TimeStampedModel):
    """The shared part of a group session's notes, written once by the facilitator."""

    session = models.OneToOneField(Session, on_delete=models.PROTECT, related_name="group_note")
    topic = models.CharField(max_length=160)
    interventions = models.TextField()
    duration_minutes = models.PositiveSmallIntegerField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        triggers = [
            # Once any attendee's note is signed, the shared part it quotes is fixed.
            locks.LockTrigger(
                name="shared_part_locked_once_signed",
                when=pgtrigger.Before,
                operation=pgtrigger.Update | pgtrigger.Delete,
                func="""
                    IF EXISTS (
                        SELECT 1 FROM scheduling_progressnote n
                        WHERE n.group_note_id = OLD.id AND n.signed_at IS NOT NULL
                    ) THEN
                        RAISE EXCEPTION 'Signed notes are locked: correct them with an addendum.';
                    END IF;
                    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                    RETURN NEW;
                """,
            ),
            *locks.never_deleted(),
        ]

    def __str__(self) -> str:
        return f"Group note: {self.topic}"


class ProcessingModality(models.TextChoices):
    """The trauma-processing therapies a note measures (codes of the built-in modalities)."""

    EMDR = "emdr", "EMDR"
    CPT = "cpt", "Cognitive Processing Therapy (CPT)"
    PE = "pe", "Prolonged Exposure (PE)"


class RiskScreen(models.TextChoices):
    NONE = "none", "No risk identified"
    PRESENT = "present", "Risk present"


class NoteQuerySet(models.QuerySet["ProgressNote"]):
    def unsigned(self) -> NoteQuerySet:
        return self.filter(signed_at__isnull=True)

    def signed(self) -> NoteQuerySet:
        return self.filter(signed_at__isnull=False)

    def awaiting_cosign(self) -> NoteQuerySet:
        return self.filter(signed_at__isnull=False, cosign_required=True, cosigned_at__isnull=True)

    def visible_to(self, user: Any, capability: str) -> NoteQuerySet:
        """Rows of the programs where ``user`` holds ``capability``."""
        return self.filter(program_id__in=permissions.program_ids_with(user, capability))


@locks.track()
class ProgressNote(TimeStampedModel):
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="progress_notes")
    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="progress_notes")
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="notes")
    kind = models.CharField(max_length=12, choices=SessionKind.choices)
    format = models.CharField(max_length=8, choices=NoteFormat.choices)
    group_note = models.ForeignKey(
        GroupNote, null=True, blank=True, on_delete=models.PROTECT, related_name="notes"
    )
    # Section key -> text, keys from FORMAT_SECTIONS[format].
    body = models.JSONField(default=dict)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    revision = models.PositiveIntegerField(default=1)
    objectives = models.ManyToManyField(
        PlanObjective, through="NoteObjective", related_name="progress_notes", blank=True
    )
    # What a payer and a court ask of an individual, family or medication note: when the
    # service actually ran, which service it was, and the risk screen with what was done.
    service_started_at = models.DateTimeField(null=True, blank=True)
    service_ended_at = models.DateTimeField(null=True, blank=True)
    service_code = models.ForeignKey(
        ServiceCode, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Database defaults too: bulk loaders that insert rows directly need not name them.
    risk_screen = models.CharField(
        max_length=8, choices=RiskScreen.choices, blank=True, default="", db_default=""
    )
    risk_action = models.TextField(blank=True, default="", db_default="")
    # Trauma processing measures (CLINICAL.md): distress (SUDS 0-10) at the start and end,
    # and for EMDR the target (a short neutral label) and the validity of cognition (VOC 1-7).
    processing_modality = models.CharField(
        max_length=8, choices=ProcessingModality.choices, blank=True, default="", db_default=""
    )
    processing_target = models.CharField(max_length=80, blank=True, default="", db_default="")
    suds_start = models.PositiveSmallIntegerField("SUDS at the start", null=True, blank=True)
    suds_end = models.PositiveSmallIntegerField("SUDS at the end", null=True, blank=True)
    voc_end = models.PositiveSmallIntegerField("VOC at the end", null=True, blank=True)
    # Signing: the exact text signed (shared part included) and its SHA-256.
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_text = models.TextField(blank=True)
    content_sha256 = models.CharField(max_length=64, blank=True)
    # Trainees' notes need a supervisor's co-signature (Membership.notes_need_cosign).
    cosign_required = models.BooleanField(default=False)
    cosigned_at = models.DateTimeField(null=True, blank=True)
    cosigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = NoteQuerySet.as_manager()

    class Meta:
        ordering = ["-session__starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "client"], name="note_one_per_client_session"
            ),
            models.CheckConstraint(
                condition=Q(signed_at__isnull=True) | ~Q(content_sha256=""),
                name="signed_note_has_hash",
            ),
            models.CheckConstraint(
                condition=(Q(suds_start__isnull=True) | Q(suds_start__lte=10))
                & (Q(suds_end__isnull=True) | Q(suds_end__lte=10))
                & (Q(voc_end__isnull=True) | Q(voc_end__gte=1, voc_end__lte=7)),
                name="note_processing_measures_in_range",
            ),
        ]
        indexes = [
            models.Index(fields=["author", "signed_at"]),
            models.Index(fields=["client", "signed_at"]),
        ]
        triggers = [
            lock_when_signed(signed_field="signed_at", mutable=["cosigned_at", "cosigned_by"]),
            # The two fields the signed-note lock leaves open: set once, together, by someone
            # other than the author, on a signed note that asks for a co-signature.
            locks.LockTrigger(
                name="cosigned_once",
                when=pgtrigger.Before,
                operation=pgtrigger.Update,
                condition=locks.Changed("cosigned_at", "cosigned_by"),
                func=f"""
                    IF OLD.cosigned_at IS NOT NULL OR OLD.cosigned_by_id IS NOT NULL THEN
                        {locks.refusal("a co-signature is written once and never changed")}
                    END IF;
                    IF NEW.signed_at IS NULL OR NOT NEW.cosign_required THEN
                        {locks.refusal("only a signed note that needs a co-signature is co-signed")}
                    END IF;
                    IF NEW.cosigned_at IS NULL OR NEW.cosigned_by_id IS NULL THEN
                        {locks.refusal("a co-signature has both its signer and its time")}
                    END IF;
                    IF NEW.cosigned_by_id = NEW.author_id THEN
                        {locks.refusal("the author does not co-sign their own note")}
                    END IF;
                    RETURN NEW;
                """,
            ),
            *locks.never_deleted(),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} note for {self.client} ({self.session.occurs_on})"

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None

    @property
    def sections(self) -> list[tuple[str, str, str, str]]:
        """(key, label, prompt, text) for each section of this note's format."""
        return [
            (key, label, prompt, str(self.body.get(key, self.body.get(SIGNED_UNDER.get(key), ""))))
            for key, label, prompt in FORMAT_SECTIONS[self.format]
        ]


class WarningKind(models.TextChoices):
    NAMES_MEMBER = "names_member", "Names another member"
    NEAR_IDENTICAL = "near_identical", "Identical or nearly identical to another part"


@locks.track()
class WarningConfirmation(TimeStampedModel):
    """A clinician's confirmation that a warning on a note does not apply, kept with the note.

    It holds only for the text it was given on: ``text_sha256`` is the hash of the text the
    warning was computed from, so any later change brings the warning back."""

    note = models.ForeignKey(
        ProgressNote, on_delete=models.PROTECT, related_name="warning_confirmations"
    )
    kind = models.CharField(max_length=16, choices=WarningKind.choices)
    word = models.CharField(max_length=80, blank=True)  # the flagged word (names)
    other_note = models.ForeignKey(  # the part it resembles (near-identical)
        ProgressNote, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ratio = models.PositiveSmallIntegerField(null=True, blank=True)  # percent the same
    reason = models.TextField(blank=True)
    text_sha256 = models.CharField(max_length=64)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]
        triggers = [
            *locks.append_only("warning confirmations are never changed or deleted"),
            locks.LockTrigger(
                name="not_on_a_signed_note",
                when=pgtrigger.Before,
                operation=pgtrigger.Insert,
                func="""
                    IF EXISTS (
                        SELECT 1 FROM scheduling_progressnote n
                        WHERE n.id = NEW.note_id AND n.signed_at IS NOT NULL
                    ) THEN
                        RAISE EXCEPTION 'Signed notes are locked: correct them with an addendum.';
                    END IF;
                    RETURN NEW;
                """,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} confirmed by {self.confirmed_by}"

    @property
    def summary(self) -> str:
        """What was confirmed, without naming any other client (this is the client's record)."""
        if self.kind == WarningKind.NAMES_MEMBER:
            return f"“{self.word}” is not a group member's name"
        same = f" ({self.ratio}% the same)" if self.ratio is not None else ""
        return f"Close to another member's part{same}, written for this client: {self.reason}"


class NoteObjective(models.Model):
    """A plan objective the note addressed; fixed once the note is signed."""

    note = models.ForeignKey(ProgressNote, on_delete=models.PROTECT, related_name="objective_links")
    objective = models.ForeignKey(PlanObjective, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["note", "objective"], name="noteobjective_unique")
        ]
        triggers = [
            # Unlinking an objective from a draft is editing the draft; signed, it is refused.
            locks.LockTrigger(
                name="objectives_locked_once_signed",
                when=pgtrigger.Before,
                operation=pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete,
                func="""
                    DECLARE R RECORD;
                    BEGIN
                        IF TG_OP = 'DELETE' THEN R := OLD; ELSE R := NEW; END IF;
                        IF EXISTS (
                            SELECT 1 FROM scheduling_progressnote n
                            WHERE n.id = R.note_id AND n.signed_at IS NOT NULL
                        ) THEN
                            RAISE EXCEPTION
                                'Signed notes are locked: correct them with an addendum.';
                        END IF;
                        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                        RETURN NEW;
                    END;
                """,
            ),
            locks.never_truncated(),
        ]


class Addendum(TimeStampedModel):
    """A signed correction or addition to a signed note; never changed once written."""

    note = models.ForeignKey(ProgressNote, on_delete=models.PROTECT, related_name="addenda")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    signed_at = models.DateTimeField()
    content_sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["signed_at"]
        triggers = locks.append_only("addenda are never changed or deleted")

    def __str__(self) -> str:
        return f"Addendum by {self.author} at {self.signed_at:%Y-%m-%d %H:%M}"
