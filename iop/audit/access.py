"""Who reads the audit log: the record views and audit events of the programs where the
user has VIEW_AUDIT_LOG, nothing of any other program."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from iop.accounts import permissions
from iop.audit.models import AuditEvent, RecordView


def audit_program_ids(user: Any) -> set[Any]:
    return permissions.program_ids_with(user, permissions.VIEW_AUDIT_LOG)


def record_views_for(user: Any) -> QuerySet[RecordView]:
    return RecordView.objects.filter(program_id__in=audit_program_ids(user))


def audit_events_for(user: Any) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(program_id__in=audit_program_ids(user))
