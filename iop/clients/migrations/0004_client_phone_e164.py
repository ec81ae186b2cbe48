"""Client phone numbers in one format (E.164), as the forms now store them.

Numbers that parse as valid in the clinic's region are rewritten; anything else is
left exactly as typed, for staff to correct on the contact form.
"""

import phonenumbers
from django.conf import settings
from django.db import migrations


def _e164(raw: str, region: str) -> str | None:
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_phones(apps, schema_editor):
    Client = apps.get_model("clients", "Client")
    region = getattr(settings, "IOP_PHONE_REGION", "US")
    for client in Client.objects.exclude(phone="").only("pk", "phone").iterator():
        stored = _e164(client.phone, region)
        if stored and stored != client.phone:
            Client.objects.filter(pk=client.pk).update(phone=stored)


class Migration(migrations.Migration):
    dependencies = [("clients", "0003_remove_client_insert_insert_and_more")]

    operations = [migrations.RunPython(normalise_phones, migrations.RunPython.noop)]
