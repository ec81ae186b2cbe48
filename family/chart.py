"""The chart's "Family and support" section: each of the client's people with the
relationship, the consent state and any do-not-contact mark; a link to the people page.
Safety notes are left to the people page (staff only, never printed)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from family.consents import sharing, with_consents
from family.models import ClientPerson
from iop.accounts import permissions
from iop.clients.chart import ChartSection, register_chart_section
from iop.clients.models import Client

ORDER = 32  # after the relapse prevention plan (28), before the notes (40)
SHOWN_AT_MOST = 12


def people_context(client: Client, user: Any) -> dict[str, Any]:
    """Three queries, however many people: the links with their person, the consent ties,
    the consents."""
    links = list(
        with_consents(ClientPerson.objects.filter(client=client).select_related("person"))[
            : SHOWN_AT_MOST + 1
        ]
    )
    for link in links:
        link.client = client
    shown = links[:SHOWN_AT_MOST]
    more = 0
    if len(links) > SHOWN_AT_MOST:
        more = ClientPerson.objects.filter(client=client).count() - SHOWN_AT_MOST
    return {
        "rows": [{"link": link, "sharing": sharing(link)} for link in shown],
        "more": more,
        "url": reverse("family:people", args=[client.pk]),
        "aftercare_url": reverse("family:aftercare", args=[client.pk]),
    }


def register() -> None:
    register_chart_section(
        ChartSection(
            "family",
            ORDER,
            "family/chart/_people.html",
            people_context,
            permissions.VIEW_FAMILY,
        )
    )
