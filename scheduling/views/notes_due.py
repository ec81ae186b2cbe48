"""The unsigned notes list: notes still to sign (late ones counted), sessions with notes still
to write, and notes waiting for the user's co-signature.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET

from iop.accounts.decorators import capability_required
from iop.audit.services import record_views_log
from iop.http import AuthedRequest
from scheduling.access import charting_program_ids, cosigning_program_ids
from scheduling.services import notes_due
from scheduling.views.notes import CHART


@require_GET
@capability_required(CHART)
def notes_unsigned(request: AuthedRequest) -> HttpResponse:
    """Mine for clinicians; the whole program for its directors."""
    charting = charting_program_ids(request.user)
    directing = cosigning_program_ids(request.user) & charting
    rows = notes_due.notes_unsigned(program_ids=directing) if directing else []
    if charting - directing:
        rows += notes_due.notes_unsigned(program_ids=charting - directing, author=request.user)
    rows.sort(key=lambda row: row.age, reverse=True)
    to_cosign = notes_due.notes_awaiting_cosign(user=request.user, program_ids=charting)
    # Sessions still to write are named by group or kind, never by client.
    shown = [row.note.client for row in rows] + [note.client for note in to_cosign]
    record_views_log(request=request, clients=shown, page="Unsigned notes")
    context = {
        "rows": rows,
        "whole_program": bool(directing),
        "late_count": sum(1 for row in rows if row.late),
        "to_write": notes_due.notes_to_write(user=request.user, program_ids=charting),
        "to_cosign": to_cosign,
    }
    return render(request, "scheduling/notes/unsigned.html", context)


urlpatterns: list[URLPattern] = [
    path("notes/unsigned/", notes_unsigned, name="notes_unsigned"),
]
