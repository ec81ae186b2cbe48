"""E-signatures (signer, role, time, content hash) and the database lock on signed records."""

from __future__ import annotations

from typing import Any

import pgtrigger
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from iop import locks
from iop.signatures.text import content_hash as content_hash  # where records import it from


class LockedOnceSigned(pgtrigger.Condition):
    """True for an UPDATE that changes any column of a signed row other than ``mutable`` ones.

    Signed clinical records are corrected by addenda or new versions, never edited: the
    database itself refuses the edit, whatever code path tries it.
    """

    def __init__(self, *, signed_field: str, mutable: list[str]) -> None:
        self.signed_field = signed_field
        self.mutable = set(mutable)
        super().__init__(sql="built per model in resolve()")

    def resolve(self, model: type[models.Model]) -> str:
        signed = model._meta.get_field(self.signed_field).column  # type: ignore[union-attr]
        columns = [
            f.column
            for f in model._meta.concrete_fields
            if f.name not in self.mutable and f.name != "updated_at"
        ]
        changed = " OR ".join(f'OLD."{c}" IS DISTINCT FROM NEW."{c}"' for c in columns)
        return f'OLD."{signed}" IS NOT NULL AND ({changed})'


SIGNED_IS_LOCKED = "signed records are locked; correct them with an addendum or a new version"


def lock_when_signed(*, signed_field: str = "signed_at", mutable: list[str]) -> pgtrigger.Trigger:
    return locks.refuse(
        name="locked_once_signed",
        operation=pgtrigger.Update,
        rule=SIGNED_IS_LOCKED,
        condition=LockedOnceSigned(signed_field=signed_field, mutable=mutable),
    )


class SignerRole(models.TextChoices):
    CLIENT = "client", "Client"
    AUTHORIZED_REPRESENTATIVE = "representative", "Authorized representative"
    CLINICIAN = "clinician", "Clinician"
    COSIGNER = "cosigner", "Co-signer"
    WITNESS = "witness", "Staff witness"


@locks.track()
class Signature(models.Model):
    """One signature on one record; the hash proves what exactly was signed."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.UUIDField()
    signed_object = GenericForeignKey("content_type", "object_id")
    role = models.CharField(max_length=16, choices=SignerRole.choices)
    # Staff sign as themselves; a client's typed name is kept as typed.
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signer_name = models.CharField(max_length=200)
    signed_at = models.DateTimeField()
    content_sha256 = models.CharField(max_length=64)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["signed_at"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        triggers = locks.append_only("signatures are never changed or deleted")

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.signer_name} at {self.signed_at:%Y-%m-%d %H:%M}"

    @classmethod
    def for_object(cls, obj: Any) -> models.QuerySet[Signature]:
        return cls.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        )
