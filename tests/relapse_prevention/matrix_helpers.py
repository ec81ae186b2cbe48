"""Sample drug screen records for the role matrix, in the users' own program."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from iop.accounts.models import Role
from relapse_prevention.models import ScreenPanel, Validity
from relapse_prevention.services.screens import specimen_record


def screen_samples(client_record: Any, staff: dict[str, Any]) -> dict[str, str]:
    clinician = staff[Role.CLINICIAN]
    specimen = specimen_record(
        client=client_record,
        actor=clinician,
        panel=ScreenPanel.objects.get(code="urine-program", retired=False),
        ordered_by=clinician,
        collected_at=timezone.now() - datetime.timedelta(hours=1),
        collected_by=clinician,
        validity=Validity.NORMAL,
    )
    return {"specimen_id": str(specimen.pk)}
