"""The accounting of disclosures of one client: a page, and the PDF handed to the client."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.audit.services import record_view_log
from iop.clients.access import get_client_for
from iop.http import AuthedRequest
from iop.reports.clinical.accounting import accounting_for
from iop.reports.pdf import render_pdf

VIEW = permissions.VIEW_DISCLOSURES


@require_GET
@capability_required(VIEW)
def accounting(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    client = get_client_for(request.user, client_id, VIEW, chart_header=True)
    record_view_log(request=request, client=client, page="Accounting of disclosures")
    return render(
        request,
        "reports/clinical/accounting.html",
        {"client": client, "accounting": accounting_for(client)},
    )


@require_GET
@capability_required(VIEW)
def accounting_pdf(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    """Drawn on request, for the client (a page or two: rendered here, not kept)."""
    client = get_client_for(request.user, client_id, VIEW)
    found = accounting_for(client)
    pdf = render_pdf(
        "reports/clinical/pdf_accounting.html",
        {"client": client, "program": client.program, "accounting": found},
        accessible=True,
    )
    record_view_log(request=request, client=client, page="Accounting of disclosures PDF")
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"disclosures-{client.record_number}-{found.until:%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
