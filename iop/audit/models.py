"""The record-view log. Change history comes from django-pghistory triggers."""

from __future__ import annotations

import pgtrigger
from django.conf import settings
from django.db import models


class RecordView(models.Model):
    """Who saw which client's record, on which page, when and from where (HIPAA 164.312(b))."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="record_views"
    )
    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, related_name="record_views"
    )
    program = models.ForeignKey("accounts.Program", on_delete=models.PROTECT, related_name="+")
    page = models.CharField(max_length=200, help_text="What was shown, e.g. 'Client chart'.")
    path = models.CharField(max_length=500)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["client", "-at"]),
            models.Index(fields=["user", "-at"]),
        ]
        triggers = [
            pgtrigger.Protect(name="append_only", operation=pgtrigger.Update | pgtrigger.Delete)
        ]

    def __str__(self) -> str:
        return f"{self.user} viewed {self.client} ({self.page}) at {self.at:%Y-%m-%d %H:%M}"
