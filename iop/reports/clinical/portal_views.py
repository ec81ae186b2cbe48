"""The probation officer's pages (the portal) and the check of a report's PDF."""

from __future__ import annotations

from uuid import UUID

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.audit.services import record_view_log, record_views_log
from iop.http import AuthedRequest
from iop.reports.clinical import portal
from iop.reports.clinical.views import signed_pdf

PER_PAGE = 50


class PortalFilterForm(forms.Form):
    client = forms.ChoiceField(label="Client", required=False)
    disclosed_from = forms.DateField(
        label="Sent from", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    disclosed_to = forms.DateField(
        label="to", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: object, clients: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["client"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "All clients"), *clients]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("disclosed_from"), data.get("disclosed_to")
        if start and end and end < start:  # type: ignore[operator]
            self.add_error("disclosed_to", "The end date is before the start date.")
        return data


class VerifyForm(forms.Form):
    document = forms.FileField(
        label="The report's PDF",
        help_text="The file you were sent or handed. At most 20 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )


@require_GET
@capability_required(permissions.VIEW_DISCLOSED_REPORTS)
def disclosed_reports(request: AuthedRequest) -> HttpResponse:
    """The officer's whole view of the app: reports disclosed to them while consent holds."""
    clients = portal.portal_clients(request.user)
    form = PortalFilterForm(request.GET or None, clients=clients)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    rows = portal.portal_disclosures(
        request.user,
        client_id=filters.get("client") or None,
        disclosed_from=filters.get("disclosed_from"),
        disclosed_to=filters.get("disclosed_to"),
    )
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    record_views_log(request=request, clients=[d.client for d in shown], page="Portal reports")
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reports/disclosed.html",
        {
            "form": form,
            "page": page,
            "disclosures": shown,
            "any_clients": bool(clients),
            "query": query.urlencode(),
        },
    )


@require_GET
# FileResponse streams (a StreamingHttpResponse), which the decorator's type leaves out.
@capability_required(permissions.VIEW_DISCLOSED_REPORTS)  # type: ignore[arg-type]
def disclosed_download(request: AuthedRequest, disclosure_id: UUID) -> FileResponse:
    disclosure = portal.portal_disclosure(request.user, disclosure_id)
    if disclosure is None:
        raise Http404("No report of that id is open to you.")
    return signed_pdf(
        request,
        disclosure.report,
        page="Portal report PDF",
        prefix=f"{disclosure.report.reference}-",
    )


@require_http_methods(["GET", "POST"])
def report_verify(request: AuthedRequest) -> HttpResponse:
    """Is this PDF the report the program issued? Officers and staff who see disclosures."""
    user = request.user
    if not user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    if not (
        permissions.can(user, permissions.VIEW_DISCLOSED_REPORTS)
        or permissions.can(user, permissions.VIEW_DISCLOSURES)
    ):
        raise PermissionDenied
    form = VerifyForm(request.POST or None, request.FILES or None)
    result = None
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            data = portal.read_upload(form.cleaned_data["document"])
        except portal.NotAPdf as refused:
            form.add_error("document", str(refused))
            status = 400
        else:
            result = portal.report_verify(user, data)
            if result.client is not None:
                record_view_log(request=request, client=result.client, page="Report check")
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "reports/verify.html",
        {"form": form, "result": result, "Outcome": portal.Outcome},
        status=status,
    )
