"""Two-factor secrets encrypted at rest: allauth's own hook, Fernet from `cryptography`."""

from __future__ import annotations

from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet
from django.conf import settings


def fernet() -> Fernet:
    return Fernet(settings.IOP_MFA_ENCRYPTION_KEY.encode())


class ClinicMFAAdapter(DefaultMFAAdapter):
    """TOTP secrets and recovery-code seeds leave the database only through here."""

    def encrypt(self, text: str) -> str:
        return fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        return fernet().decrypt(encrypted_text.encode()).decode()
