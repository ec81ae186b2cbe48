from __future__ import annotations

import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from iop.accounts.models import User
from iop.signatures.models import Signature
from iop.signatures.text import content_hash


def signature_record(
    *,
    obj: Any,
    role: str,
    signed_text: str,
    signer: User | None = None,
    signer_name: str = "",
    ip_address: str | None = None,
    signed_at: datetime.datetime | None = None,
) -> Signature:
    """Record one signature over the exact text that was shown to the signer."""
    return Signature.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        role=role,
        signer=signer,
        signer_name=signer_name or (signer.display_name if signer else ""),
        signed_at=signed_at or timezone.now(),
        content_sha256=content_hash(signed_text),
        ip_address=ip_address,
    )
