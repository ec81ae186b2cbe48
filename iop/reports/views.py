from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.http import AuthedRequest


@require_GET
@capability_required(permissions.VIEW_DISCLOSED_REPORTS)
def disclosed_reports(request: AuthedRequest) -> HttpResponse:
    """The probation officer's whole view of the app: reports disclosed to them under consent.

    Court reports and their disclosures are built by the reports issue; until a client's
    consent names this officer and a report is disclosed, the list is empty.
    """
    return render(request, "reports/disclosed.html", {"reports": []})
