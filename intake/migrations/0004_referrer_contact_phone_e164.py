"""Referrers' phone numbers in one format (E.164), as the referral form now stores them.

A contact that is an email address, or that does not parse as a valid number in the
clinic's region, is left exactly as typed.
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


def normalise_referrer_phones(apps, schema_editor):
    Referral = apps.get_model("intake", "Referral")
    region = getattr(settings, "IOP_PHONE_REGION", "US")
    rows = Referral.objects.exclude(referrer_contact="").exclude(referrer_contact__contains="@")
    for referral in rows.only("pk", "referrer_contact").iterator():
        stored = _e164(referral.referrer_contact, region)
        if stored and stored != referral.referrer_contact:
            Referral.objects.filter(pk=referral.pk).update(referrer_contact=stored)


class Migration(migrations.Migration):
    dependencies = [("intake", "0003_treatment_consent_text_and_us_wording")]

    operations = [migrations.RunPython(normalise_referrer_phones, migrations.RunPython.noop)]
