from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.audit.services import record_views_log
from iop.clients.models import Episode
from iop.dashboard.registry import census_alerts
from iop.http import AuthedRequest


@require_GET
@capability_required(permissions.VIEW_CENSUS)
def census(request: AuthedRequest) -> HttpResponse:
    """Open episodes by level of care, this month's admissions and discharges, the
    discharges planned ahead (those clients are in care, and counted, until the date), and
    the safety alerts a director answers."""
    program_ids = permissions.program_ids_with(request.user, permissions.VIEW_CENSUS)
    episodes = Episode.objects.filter(program_id__in=program_ids)
    # Directors answer alerts with no primary clinician, and see every overdue one.
    alerts = census_alerts(program_ids)  # intake registers them
    # "This month" is the month where the director's program is (the first by name when
    # they direct several), not the server's month, which turns a day early or late.
    program = permissions.programs_with(request.user, permissions.VIEW_CENSUS).first()
    today = program.today() if program else timezone.now().date()
    month_start = today.replace(day=1)
    open_counts = (
        episodes.open()
        .values("level_of_care__code", "level_of_care__name", "level_of_care__edition")
        .annotate(total=Count("pk"))
        .order_by("level_of_care__edition", "level_of_care__ordering")
    )
    totals = episodes.aggregate(
        open=Count("pk", filter=Q(discharged_on__isnull=True)),
        admitted=Count("pk", filter=Q(admitted_on__gte=month_start)),
        discharged=Count("pk", filter=Q(discharged_on__gte=month_start)),
        unassigned=Count(
            "pk", filter=Q(discharged_on__isnull=True, primary_clinician__isnull=True)
        ),
    )
    planned = list(
        episodes.discharge_planned()
        .select_related("client")
        .order_by("discharge_planned_on", "client__legal_last_name")
    )
    recent = list(
        episodes.select_related("client", "level_of_care", "primary_clinician").order_by(
            "-admitted_on"
        )[:10]
    )
    record_views_log(
        request=request,
        clients=[a.client for a in alerts] + [e.client for e in [*planned, *recent]],
        page="Census",
    )
    return render(
        request,
        "dashboard/census.html",
        {
            "alerts": alerts,
            "open_counts": open_counts,
            "totals": totals,
            "recent": recent,
            "planned": planned,
            "month_start": month_start,
        },
    )
