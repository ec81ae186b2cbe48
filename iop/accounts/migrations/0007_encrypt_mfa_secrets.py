"""Encrypt the two-factor secrets stored before ClinicMFAAdapter (TOTP keys, recovery seeds)."""

from typing import Any

from cryptography.fernet import InvalidToken
from django.db import migrations

from iop.accounts.mfa import fernet


def _encrypt(value: str) -> str:
    box = fernet()
    try:
        box.decrypt(value.encode())
    except InvalidToken:
        return box.encrypt(value.encode()).decode()
    return value  # already encrypted: running twice changes nothing


def _decrypt(value: str) -> str:
    try:
        return fernet().decrypt(value.encode()).decode()
    except InvalidToken:
        return value


def _convert(apps: Any, convert: Any) -> None:
    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.all():
        data = dict(authenticator.data)
        for key in ("secret", "seed"):
            if isinstance(data.get(key), str):
                data[key] = convert(data[key])
        if isinstance(data.get("migrated_codes"), list):
            data["migrated_codes"] = [convert(code) for code in data["migrated_codes"]]
        if data != authenticator.data:
            authenticator.data = data
            authenticator.save(update_fields=["data"])


def encrypt_secrets(apps: Any, schema_editor: Any) -> None:
    _convert(apps, _encrypt)


def decrypt_secrets(apps: Any, schema_editor: Any) -> None:
    _convert(apps, _decrypt)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_trust_history_invitations_and_approvals"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt_secrets, decrypt_secrets)]
