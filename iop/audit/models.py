"""The record-view log. Change history comes from django-pghistory triggers."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from iop import locks


class RecordView(models.Model):
    """Who saw which client's record, on which page, when and from where (HIPAA 164.312(b))."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="record_views"
    )
    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, related_name="record_views"
    )
    program = models.ForeignKey("accounts.Program", on_delete=models.PROTECT, related_name="+")
    page = models.CharField(max_length=200, help_text="What was shown, e.g. 'Client chart'.")
    path = models.CharField(max_length=500)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["client", "-at"]),
            models.Index(fields=["user", "-at"]),
        ]
        triggers = locks.append_only()

    def __str__(self) -> str:
        return f"{self.user} viewed {self.client} ({self.page}) at {self.at:%Y-%m-%d %H:%M}"


class AuditAction(models.TextChoices):
    CLIENT_ADMITTED = "client_admitted", "Client admitted"
    LEVEL_CHANGED = "level_changed", "Level of care changed"
    CONSENT_SIGNED = "consent_signed", "Consent signed"
    CONSENT_REVOKED = "consent_revoked", "Consent revoked"
    CONSENT_TEXT_CHANGED = "consent_text_changed", "Consent-to-treatment text changed"
    SAFETY_ALERT_RAISED = "safety_alert_raised", "Safety alert raised"
    SAFETY_ALERT_CLOSED = "safety_alert_closed", "Safety alert answered"
    SAFETY_PLAN_SIGNED = "safety_plan_signed", "Safety plan signed"
    RELAPSE_PLAN_SIGNED = "relapse_plan_signed", "Relapse prevention plan signed"
    RELAPSE_PLAN_REVIEWED = "relapse_plan_reviewed", "Relapse prevention plan reviewed"
    PLAN_ACTIVATED = "plan_activated", "Treatment plan signed and active"
    PLAN_REVIEWED = "plan_reviewed", "Treatment plan reviewed"
    READINESS_CONFIRMED = "readiness_confirmed", "Readiness for trauma processing confirmed"
    PHASE_CHANGED = "phase_changed", "Treatment phase changed"
    REPORT_DISCLOSED = "report_disclosed", "Report disclosed"
    NOTE_SIGNED = "note_signed", "Note signed"
    NOTE_COSIGNED = "note_cosigned", "Note co-signed"
    NOTE_ADDENDUM = "note_addendum", "Addendum added to a signed note"
    CLIENT_DISCHARGED = "client_discharged", "Client discharged"
    TRACK_ENROLLED = "track_enrolled", "Enrolled in a track"
    SESSION_CANCELLED = "session_cancelled", "Session cancelled"
    STAFF_INVITED = "staff_invited", "Staff member invited"
    ROLE_GRANTED = "role_granted", "Role granted"
    ROLE_REQUESTED = "role_requested", "Role awaiting a director's approval"
    ROLE_APPROVED = "role_approved", "Role approved by a director"
    ROLE_DECLINED = "role_declined", "Role declined by a director"
    PROGRAM_SETTINGS_CHANGED = "program_settings_changed", "Program settings changed"


class AuditEvent(models.Model):
    """A named moment that matters, written by the service that makes it happen.

    pghistory keeps every row change; these events say what the change meant.
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=32, choices=AuditAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    program = models.ForeignKey("accounts.Program", on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey(
        "clients.Client", null=True, on_delete=models.PROTECT, related_name="audit_events"
    )
    object_type = models.CharField(max_length=60)
    object_id = models.UUIDField()
    summary = models.CharField(max_length=300)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["client", "-at"]), models.Index(fields=["action", "-at"])]
        triggers = locks.append_only()

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.summary}"
