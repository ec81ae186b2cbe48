"""SMS behind a small interface, so a clinic can plug in its provider."""

from __future__ import annotations

import logging
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class SMSBackend(Protocol):
    def send(self, *, to: str, body: str) -> None: ...


class ConsoleSMSBackend:
    """Writes texts to the log, like Django's console email backend."""

    def send(self, *, to: str, body: str) -> None:
        logger.info("SMS to %s: %s", to, body)


def get_sms_backend() -> SMSBackend:
    backend: SMSBackend = import_string(settings.IOP_SMS_BACKEND)()
    return backend
