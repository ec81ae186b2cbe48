"""The client's court order: add it, change it (intake staff, clinicians, directors).

Everyone who reads the chart sees it there (the "Court order" chart section); a court
order in another program is a 404.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods

from intake.access import get_court_order_for
from intake.forms.court_orders import CourtOrderForm
from intake.models import CourtOrder
from intake.services.court_orders import court_order_save
from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.audit.services import record_view_log
from iop.clients.access import get_client_for
from iop.clients.models import Client
from iop.http import AuthedRequest, form_add_service_errors, posted

EDIT = permissions.EDIT_COURT_ORDERS


def _form_page(request: AuthedRequest, client: Client, order: CourtOrder) -> HttpResponse:
    form = CourtOrderForm(posted(request), instance=order)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.fields}
        try:
            court_order_save(
                client=client, by=request.user, order=order if order.pk else None, **fields
            )
        except ValidationError as error:
            form_add_service_errors(form, error)  # type: ignore[arg-type]
        else:
            messages.success(request, "Court order saved.")
            return redirect("clients:chart", client.pk)
    record_view_log(request=request, client=client, page="Court order")
    context = {"client": client, "order": order, "form": form, "is_new": not order.pk}
    return render(request, "intake/court_order_form.html", context)


@require_http_methods(["GET", "POST"])
@capability_required(EDIT)
def court_order_create(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    client = get_client_for(request.user, client_id, EDIT, chart_header=True)
    return _form_page(request, client, CourtOrder(client=client))


@require_http_methods(["GET", "POST"])
@capability_required(EDIT)
def court_order_edit(request: AuthedRequest, court_order_id: UUID) -> HttpResponse:
    order = get_court_order_for(request.user, court_order_id, EDIT)
    order.client = Client.objects.with_chart_header().get(pk=order.client_id)
    return _form_page(request, order.client, order)


urlpatterns: list[URLPattern] = [
    path(
        "clients/<uuid:client_id>/court-orders/new/", court_order_create, name="court_order_create"
    ),
    path("court-orders/<uuid:court_order_id>/", court_order_edit, name="court_order_edit"),
]
