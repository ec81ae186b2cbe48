"""Family sessions: the client's people invited to a scheduling session of kind "family",
their attendance one by one, and the family part of the session's note.

The session itself (time, room, clinician, the client's attendance and note) is scheduling's;
what only the family app knows hangs off it here. Both rows are clinical: never deleted, and
fixed by the database once the session's note is signed (the signed text quotes them).
"""

from __future__ import annotations

import pgtrigger
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models

from family.models.people import ClientPerson
from iop import locks
from iop.base import TimeStampedModel

SIGNED_LOCK = "Signed notes are locked: correct them with an addendum."


class GuestAttendance(models.TextChoices):
    ATTENDED = "attended", "Attended"
    ABSENT = "absent", "Absent"


class FamilyFocus(models.TextChoices):
    COMMUNICATION = "communication", "Communication"
    BOUNDARIES = "boundaries", "Boundaries"
    ENABLING = "enabling", "Enabling"
    EDUCATION = "education", "Education about trauma and recovery"
    SECONDARY_TRAUMA = "secondary_trauma", "Secondary trauma"


def _refuse_when_note_signed(
    name: str, note_sql: str, operation: pgtrigger.Operation
) -> locks.LockTrigger:
    """Refuse ``operation`` once a signed note matches ``note_sql`` (about the row R)."""
    return locks.LockTrigger(
        name=name,
        when=pgtrigger.Before,
        operation=operation,
        # note_sql is one of this module's constants, never input.
        func=f"""
            DECLARE R RECORD;
            BEGIN
                IF TG_OP = 'DELETE' THEN R := OLD; ELSE R := NEW; END IF;
                IF EXISTS (
                    SELECT 1 FROM scheduling_progressnote n
                    WHERE {note_sql} AND n.signed_at IS NOT NULL
                ) THEN
                    RAISE EXCEPTION '{SIGNED_LOCK}';
                END IF;
                IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                RETURN NEW;
            END;
        """,  # noqa: S608
    )


@locks.track()
class FamilySessionGuest(TimeStampedModel):
    """One of the client's people invited to a family session, and whether they came."""

    session = models.ForeignKey(
        "scheduling.Session", on_delete=models.PROTECT, related_name="family_guests"
    )
    client_person = models.ForeignKey(
        ClientPerson, on_delete=models.PROTECT, related_name="session_invitations"
    )
    invited_at = models.DateTimeField()
    # Why no invitation was queued (no channel, no address); blank when one was.
    not_messaged_reason = models.CharField(max_length=200, blank=True)
    attendance = models.CharField(max_length=8, choices=GuestAttendance.choices, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["client_person__person__last_name", "client_person__person__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "client_person"], name="family_guest_invited_once"
            ),
        ]
        triggers = [
            # The signed note names who attended: their attendance is fixed with it.
            _refuse_when_note_signed(
                "guest_locked_once_note_signed",
                "n.session_id = R.session_id",
                pgtrigger.Update | pgtrigger.Delete,
            ),
            *locks.never_deleted("invitations are never deleted; remove the guest instead"),
        ]

    def __str__(self) -> str:
        return f"{self.client_person.person} at {self.session_id}"

    @property
    def attended(self) -> bool:
        return self.attendance == GuestAttendance.ATTENDED


@locks.track()
class FamilyNoteDetail(TimeStampedModel):
    """The family part of a family session's note: what the session worked on."""

    note = models.OneToOneField(
        "scheduling.ProgressNote", on_delete=models.PROTECT, related_name="family_detail"
    )
    focus = ArrayField(
        models.CharField(max_length=20, choices=FamilyFocus.choices), default=list, blank=True
    )
    # For formats without an intervention section (DAP, SOAP): what the clinician did with
    # the family. BIRP notes record it in their Intervention section.
    interventions = models.TextField(blank=True)

    class Meta:
        triggers = [
            _refuse_when_note_signed(
                "detail_locked_once_note_signed",
                "n.id = R.note_id",
                pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete,
            ),
            *locks.never_deleted(),
        ]

    def __str__(self) -> str:
        return f"Family part of {self.note_id}"

    @property
    def focus_labels(self) -> list[str]:
        return [FamilyFocus(f).label for f in FamilyFocus.values if f in self.focus]
