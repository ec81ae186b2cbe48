# The app's migration chain up to 39e9538, squashed into one (see replaces): what a fresh
# database needs, built from the models by makemigrations and merged (one CreateModel per
# model, indexes and constraints folded in, so a fresh migrate re-renders the state less).
# The schema it builds matches the old chain's (pg_dump --schema-only), but for two dead
# functions the old chain left behind (scheduling 0002 removed their triggers, not them).
# Not carried over, as it only changed existing rows: 0004_referrer_contact_phone_e164 (rewrote stored referrer phones).

import django.contrib.postgres.fields
import django.core.validators
import django.db.models.deletion
import iop.locks
import pgtrigger.compiler
import pgtrigger.migrations
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    replaces = [
        ("intake", "0001_initial"),
        ("intake", "0002_consent_signed_text"),
        ("intake", "0003_treatment_consent_text_and_us_wording"),
        ("intake", "0004_referrer_contact_phone_e164"),
        ("intake", "0005_safety_plan"),
        ("intake", "0006_clinical_rows_never_deleted_locks_not_switchable"),
        ("intake", "0007_court_order_and_reporting_frequency"),
    ]

    initial = True

    dependencies = [
        ("accounts", "0001_squashed_initial"),
        ("clients", "0001_squashed_initial"),
        ("pghistory", "0007_auto_20250421_0444"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Consent",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("treatment", "Consent to treatment"),
                            ("disclosure", "Consent to disclose (42 CFR 2.31)"),
                            ("criminal_justice", "Criminal justice disclosure (42 CFR 2.35)"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "discloser",
                    models.CharField(
                        help_text="The program or person that may disclose.",
                        max_length=200,
                        verbose_name="who may disclose",
                    ),
                ),
                (
                    "recipient_name",
                    models.CharField(
                        blank=True,
                        help_text="A named person or agency.",
                        max_length=200,
                        verbose_name="recipient by name",
                    ),
                ),
                (
                    "recipient_class",
                    models.CharField(
                        blank=True,
                        help_text="E.g. 'my treating providers'.",
                        max_length=200,
                        verbose_name="recipient by class",
                    ),
                ),
                (
                    "information",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.CharField(
                            choices=[
                                ("attendance", "Attendance"),
                                ("drug_screens", "Drug screen results"),
                                ("plan_summary", "Treatment plan summary"),
                                ("progress_summary", "Progress summary"),
                                ("discharge_status", "Discharge status"),
                            ],
                            max_length=20,
                        ),
                        blank=True,
                        default=list,
                        verbose_name="what may be disclosed",
                    ),
                ),
                ("purpose", models.TextField(blank=True, verbose_name="purpose of the disclosure")),
                ("expires_on", models.DateField(blank=True, null=True, verbose_name="expires on")),
                (
                    "expiry_event",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="or expires on this event"
                    ),
                ),
                (
                    "revocation_terms",
                    models.TextField(
                        default="You may revoke this consent at any time, in writing, by giving or sending a signed statement to the program's privacy officer, except to the extent that the program has already acted in reliance on it.",
                        verbose_name="right to revoke and how",
                    ),
                ),
                ("duration", models.CharField(blank=True, max_length=200)),
                (
                    "irrevocable_until",
                    models.DateField(blank=True, null=True, verbose_name="cannot be revoked until"),
                ),
                (
                    "irrevocable_until_event",
                    models.CharField(
                        blank=True,
                        max_length=200,
                        verbose_name="or cannot be revoked until this event",
                    ),
                ),
                (
                    "signed_name",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="full name as typed by the signer"
                    ),
                ),
                (
                    "signer_relationship",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("client", "The client"),
                            ("representative", "Authorized representative"),
                        ],
                        max_length=16,
                    ),
                ),
                ("signed_at", models.DateTimeField(blank=True, null=True)),
                ("revoked_at", models.DateTimeField(blank=True, null=True)),
                ("revocation_note", models.TextField(blank=True)),
                (
                    "client",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="consents",
                        to="clients.client",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "recipient_user",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="consents_received",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="recipient (probation officer account)",
                    ),
                ),
                (
                    "revoked_recorded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "witness",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                ("signed_text", models.TextField(blank=True)),
                (
                    "reporting_frequency",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("weekly", "Every week"),
                            ("every_two_weeks", "Every two weeks"),
                            ("monthly", "Every month"),
                        ],
                        help_text="Leave empty when the court asks for no regular report.",
                        max_length=20,
                        verbose_name="court-ordered reports",
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="ConsentEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("treatment", "Consent to treatment"),
                            ("disclosure", "Consent to disclose (42 CFR 2.31)"),
                            ("criminal_justice", "Criminal justice disclosure (42 CFR 2.35)"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "discloser",
                    models.CharField(
                        help_text="The program or person that may disclose.",
                        max_length=200,
                        verbose_name="who may disclose",
                    ),
                ),
                (
                    "recipient_name",
                    models.CharField(
                        blank=True,
                        help_text="A named person or agency.",
                        max_length=200,
                        verbose_name="recipient by name",
                    ),
                ),
                (
                    "recipient_class",
                    models.CharField(
                        blank=True,
                        help_text="E.g. 'my treating providers'.",
                        max_length=200,
                        verbose_name="recipient by class",
                    ),
                ),
                (
                    "information",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.CharField(
                            choices=[
                                ("attendance", "Attendance"),
                                ("drug_screens", "Drug screen results"),
                                ("plan_summary", "Treatment plan summary"),
                                ("progress_summary", "Progress summary"),
                                ("discharge_status", "Discharge status"),
                            ],
                            max_length=20,
                        ),
                        blank=True,
                        default=list,
                        verbose_name="what may be disclosed",
                    ),
                ),
                ("purpose", models.TextField(blank=True, verbose_name="purpose of the disclosure")),
                ("expires_on", models.DateField(blank=True, null=True, verbose_name="expires on")),
                (
                    "expiry_event",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="or expires on this event"
                    ),
                ),
                (
                    "revocation_terms",
                    models.TextField(
                        default="You may revoke this consent at any time, in writing, by giving or sending a signed statement to the program's privacy officer, except to the extent that the program has already acted in reliance on it.",
                        verbose_name="right to revoke and how",
                    ),
                ),
                ("duration", models.CharField(blank=True, max_length=200)),
                (
                    "irrevocable_until",
                    models.DateField(blank=True, null=True, verbose_name="cannot be revoked until"),
                ),
                (
                    "irrevocable_until_event",
                    models.CharField(
                        blank=True,
                        max_length=200,
                        verbose_name="or cannot be revoked until this event",
                    ),
                ),
                (
                    "signed_name",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="full name as typed by the signer"
                    ),
                ),
                (
                    "signer_relationship",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("client", "The client"),
                            ("representative", "Authorized representative"),
                        ],
                        max_length=16,
                    ),
                ),
                ("signed_at", models.DateTimeField(blank=True, null=True)),
                ("revoked_at", models.DateTimeField(blank=True, null=True)),
                ("revocation_note", models.TextField(blank=True)),
                (
                    "client",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="clients.client",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "pgh_context",
                    models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="pghistory.context",
                    ),
                ),
                (
                    "pgh_obj",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="events",
                        to="intake.consent",
                    ),
                ),
                (
                    "recipient_user",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="recipient (probation officer account)",
                    ),
                ),
                (
                    "revoked_recorded_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "witness",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                ("signed_text", models.TextField(blank=True)),
                (
                    "reporting_frequency",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("weekly", "Every week"),
                            ("every_two_weeks", "Every two weeks"),
                            ("monthly", "Every month"),
                        ],
                        help_text="Leave empty when the court asks for no regular report.",
                        max_length=20,
                        verbose_name="court-ordered reports",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="CourtOrder",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("case_number", models.CharField(max_length=60, verbose_name="court case number")),
                (
                    "court_program",
                    models.CharField(
                        help_text="E.g. 'Marion County Adult Drug Court'.", max_length=200
                    ),
                ),
                (
                    "legal_status",
                    models.CharField(
                        choices=[
                            ("probation", "Probation"),
                            ("parole", "Parole"),
                            ("pretrial", "Pretrial release"),
                            ("diversion", "Diversion"),
                            ("drug_court", "Drug court (treatment court)"),
                        ],
                        max_length=20,
                    ),
                ),
                ("supervising_officer_name", models.CharField(blank=True, max_length=200)),
                ("ordered_on", models.DateField(verbose_name="order dated")),
                ("ends_on", models.DateField(blank=True, null=True, verbose_name="order ends")),
                (
                    "group_sessions_per_week",
                    models.PositiveSmallIntegerField(
                        default=0,
                        validators=[
                            django.core.validators.MaxValueValidator(
                                7, message="Use at most 7 a week."
                            )
                        ],
                    ),
                ),
                (
                    "individual_sessions_per_week",
                    models.PositiveSmallIntegerField(
                        default=0,
                        validators=[
                            django.core.validators.MaxValueValidator(
                                7, message="Use at most 7 a week."
                            )
                        ],
                    ),
                ),
                (
                    "family_sessions_per_week",
                    models.PositiveSmallIntegerField(
                        default=0,
                        validators=[
                            django.core.validators.MaxValueValidator(
                                7, message="Use at most 7 a week."
                            )
                        ],
                    ),
                ),
                (
                    "medication_visits_per_week",
                    models.PositiveSmallIntegerField(
                        default=0,
                        validators=[
                            django.core.validators.MaxValueValidator(
                                7, message="Use at most 7 a week."
                            )
                        ],
                    ),
                ),
                (
                    "drug_screens_per_week",
                    models.PositiveSmallIntegerField(
                        default=0,
                        validators=[
                            django.core.validators.MaxValueValidator(
                                7, message="Use at most 7 a week."
                            )
                        ],
                    ),
                ),
                (
                    "other_conditions",
                    models.TextField(
                        blank=True,
                        help_text="Other treatment conditions of the order, as written in it.",
                    ),
                ),
                (
                    "client",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="court_orders",
                        to="clients.client",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "supervising_officer",
                    models.ForeignKey(
                        blank=True,
                        help_text="The officer's account, when they receive reports through this app.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-ordered_on"],
            },
        ),
        migrations.CreateModel(
            name="CourtOrderEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("case_number", models.CharField(max_length=60, verbose_name="court case number")),
                (
                    "court_program",
                    models.CharField(
                        help_text="E.g. 'Marion County Adult Drug Court'.", max_length=200
                    ),
                ),
                (
                    "legal_status",
                    models.CharField(
                        choices=[
                            ("probation", "Probation"),
                            ("parole", "Parole"),
                            ("pretrial", "Pretrial release"),
                            ("diversion", "Diversion"),
                            ("drug_court", "Drug court (treatment court)"),
                        ],
                        max_length=20,
                    ),
                ),
                ("supervising_officer_name", models.CharField(blank=True, max_length=200)),
                ("ordered_on", models.DateField(verbose_name="order dated")),
                ("ends_on", models.DateField(blank=True, null=True, verbose_name="order ends")),
                (
                    "group_sessions_per_week",
                    models.PositiveSmallIntegerField(
                        default=0,
                        validators=[
                            django.core.validators.MaxValueValidator(
                                7, message="Use at most 7 a week."
                            )
                        ],
                    ),
                ),
                (
                    "individual_sessions_per_week",
                    models.PositiveSmallIntegerField(
                        default=0,
                        validators=[
                            django.core.validators.MaxValueValidator(
                                7, message="Use at most 7 a week."
                            )
                        ],
                    ),
                ),
                (
                    "family_sessions_per_week",
                    models.PositiveSmallIntegerField(
                        default=0,
                        validators=[
                            django.core.validators.MaxValueValidator(
                                7, message="Use at most 7 a week."
                            )
                        ],
                    ),
                ),
                (
                    "medication_visits_per_week",
                    models.PositiveSmallIntegerField(
                        default=0,
                        validators=[
                            django.core.validators.MaxValueValidator(
                                7, message="Use at most 7 a week."
                            )
                        ],
                    ),
                ),
                (
                    "drug_screens_per_week",
                    models.PositiveSmallIntegerField(
                        default=0,
                        validators=[
                            django.core.validators.MaxValueValidator(
                                7, message="Use at most 7 a week."
                            )
                        ],
                    ),
                ),
                (
                    "other_conditions",
                    models.TextField(
                        blank=True,
                        help_text="Other treatment conditions of the order, as written in it.",
                    ),
                ),
                (
                    "client",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="clients.client",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "pgh_context",
                    models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="pghistory.context",
                    ),
                ),
                (
                    "pgh_obj",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="events",
                        to="intake.courtorder",
                    ),
                ),
                (
                    "supervising_officer",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The officer's account, when they receive reports through this app.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="Referral",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("received_on", models.DateField()),
                (
                    "source",
                    models.CharField(
                        choices=[
                            ("self", "Self"),
                            ("family", "Family or friend"),
                            ("court", "Court or probation"),
                            ("step_down", "Hospital or residential step-down"),
                            ("therapist", "Outpatient therapist"),
                            ("other", "Other"),
                        ],
                        max_length=12,
                    ),
                ),
                (
                    "referrer_name",
                    models.CharField(
                        blank=True,
                        help_text="Person or organization.",
                        max_length=200,
                        verbose_name="referrer's name",
                    ),
                ),
                (
                    "referrer_contact",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="referrer's phone or email"
                    ),
                ),
                ("court_case_number", models.CharField(blank=True, max_length=60)),
                ("probation_officer_name", models.CharField(blank=True, max_length=200)),
                ("reason", models.TextField(verbose_name="reason for referral")),
                (
                    "urgency",
                    models.CharField(
                        choices=[
                            ("routine", "Routine (within 7 days)"),
                            ("urgent", "Urgent (within 48 hours)"),
                            ("same_day", "Same day"),
                        ],
                        default="routine",
                        max_length=10,
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("new", "New"),
                            ("contacting", "Contacting"),
                            ("assessing", "Assessment under way"),
                            ("ready", "Assessed, ready to admit"),
                            ("admitted", "Admitted"),
                            ("closed", "Closed without admission"),
                        ],
                        default="new",
                        max_length=12,
                    ),
                ),
                ("closed_reason", models.CharField(blank=True, max_length=200)),
                (
                    "client",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="referrals",
                        to="clients.client",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "probation_officer",
                    models.ForeignKey(
                        blank=True,
                        help_text="The officer's account, when they receive reports through this app.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="referrals_supervised",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "program",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="referrals",
                        to="accounts.program",
                    ),
                ),
            ],
            options={
                "ordering": ["-received_on", "-created_at"],
            },
        ),
        migrations.CreateModel(
            name="ReferralEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("received_on", models.DateField()),
                (
                    "source",
                    models.CharField(
                        choices=[
                            ("self", "Self"),
                            ("family", "Family or friend"),
                            ("court", "Court or probation"),
                            ("step_down", "Hospital or residential step-down"),
                            ("therapist", "Outpatient therapist"),
                            ("other", "Other"),
                        ],
                        max_length=12,
                    ),
                ),
                (
                    "referrer_name",
                    models.CharField(
                        blank=True,
                        help_text="Person or organization.",
                        max_length=200,
                        verbose_name="referrer's name",
                    ),
                ),
                (
                    "referrer_contact",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="referrer's phone or email"
                    ),
                ),
                ("court_case_number", models.CharField(blank=True, max_length=60)),
                ("probation_officer_name", models.CharField(blank=True, max_length=200)),
                ("reason", models.TextField(verbose_name="reason for referral")),
                (
                    "urgency",
                    models.CharField(
                        choices=[
                            ("routine", "Routine (within 7 days)"),
                            ("urgent", "Urgent (within 48 hours)"),
                            ("same_day", "Same day"),
                        ],
                        default="routine",
                        max_length=10,
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("new", "New"),
                            ("contacting", "Contacting"),
                            ("assessing", "Assessment under way"),
                            ("ready", "Assessed, ready to admit"),
                            ("admitted", "Admitted"),
                            ("closed", "Closed without admission"),
                        ],
                        default="new",
                        max_length=12,
                    ),
                ),
                ("closed_reason", models.CharField(blank=True, max_length=200)),
                (
                    "client",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="clients.client",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "pgh_context",
                    models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="pghistory.context",
                    ),
                ),
                (
                    "pgh_obj",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="events",
                        to="intake.referral",
                    ),
                ),
                (
                    "probation_officer",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The officer's account, when they receive reports through this app.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "program",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="accounts.program",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="SafetyPlan",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("version", models.PositiveSmallIntegerField(default=1)),
                (
                    "warning_signs",
                    models.TextField(
                        blank=True, verbose_name="signs that a crisis may be starting"
                    ),
                ),
                (
                    "coping_strategies",
                    models.TextField(blank=True, verbose_name="things I can do on my own"),
                ),
                (
                    "distractions",
                    models.TextField(
                        blank=True, verbose_name="people and places that help distract"
                    ),
                ),
                (
                    "help_contacts",
                    models.TextField(blank=True, verbose_name="people I can ask for help"),
                ),
                (
                    "professionals",
                    models.TextField(blank=True, verbose_name="professionals I can contact"),
                ),
                (
                    "safer_environment",
                    models.TextField(blank=True, verbose_name="making my surroundings safer"),
                ),
                (
                    "reasons_for_living",
                    models.TextField(blank=True, verbose_name="my reasons for living"),
                ),
                ("review_on", models.DateField(blank=True, null=True, verbose_name="review by")),
                ("client_signed_name", models.CharField(blank=True, max_length=200)),
                ("client_signed_at", models.DateTimeField(blank=True, null=True)),
                ("clinician_signed_at", models.DateTimeField(blank=True, null=True)),
                ("signed_at", models.DateTimeField(blank=True, null=True)),
                ("signed_text", models.TextField(blank=True)),
                ("program_crisis_line", models.CharField(blank=True, max_length=200)),
                ("superseded_at", models.DateTimeField(blank=True, null=True)),
                (
                    "client",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="safety_plans",
                        to="clients.client",
                    ),
                ),
                (
                    "clinician_signed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "previous",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="next_version",
                        to="intake.safetyplan",
                    ),
                ),
            ],
            options={
                "ordering": ["-version"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("client", "version"), name="safety_plan_unique_version"
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("signed_at__isnull", True)),
                        fields=("client",),
                        name="safety_plan_one_draft_per_client",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="SafetyPlanEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("version", models.PositiveSmallIntegerField(default=1)),
                (
                    "warning_signs",
                    models.TextField(
                        blank=True, verbose_name="signs that a crisis may be starting"
                    ),
                ),
                (
                    "coping_strategies",
                    models.TextField(blank=True, verbose_name="things I can do on my own"),
                ),
                (
                    "distractions",
                    models.TextField(
                        blank=True, verbose_name="people and places that help distract"
                    ),
                ),
                (
                    "help_contacts",
                    models.TextField(blank=True, verbose_name="people I can ask for help"),
                ),
                (
                    "professionals",
                    models.TextField(blank=True, verbose_name="professionals I can contact"),
                ),
                (
                    "safer_environment",
                    models.TextField(blank=True, verbose_name="making my surroundings safer"),
                ),
                (
                    "reasons_for_living",
                    models.TextField(blank=True, verbose_name="my reasons for living"),
                ),
                ("review_on", models.DateField(blank=True, null=True, verbose_name="review by")),
                ("client_signed_name", models.CharField(blank=True, max_length=200)),
                ("client_signed_at", models.DateTimeField(blank=True, null=True)),
                ("clinician_signed_at", models.DateTimeField(blank=True, null=True)),
                ("signed_at", models.DateTimeField(blank=True, null=True)),
                ("signed_text", models.TextField(blank=True)),
                ("program_crisis_line", models.CharField(blank=True, max_length=200)),
                ("superseded_at", models.DateTimeField(blank=True, null=True)),
                (
                    "client",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="clients.client",
                    ),
                ),
                (
                    "clinician_signed_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "pgh_context",
                    models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="pghistory.context",
                    ),
                ),
                (
                    "pgh_obj",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="events",
                        to="intake.safetyplan",
                    ),
                ),
                (
                    "previous",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="intake.safetyplan",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="TreatmentConsentText",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("treatment", models.TextField(verbose_name="treatment the client consents to")),
                ("withdrawal_terms", models.TextField(verbose_name="right to withdraw and how")),
                (
                    "change_note",
                    models.CharField(
                        blank=True, max_length=300, verbose_name="what changed and why"
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "program",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="treatment_consent_texts",
                        to="accounts.program",
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at"],
                "indexes": [
                    models.Index(
                        fields=["program", "-created_at"], name="intake_trea_program_a1704b_idx"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Assessment",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "In progress"), ("completed", "Completed")],
                        default="draft",
                        max_length=10,
                    ),
                ),
                ("last_step", models.CharField(default="profile", max_length=20)),
                ("completed_at", models.DateTimeField(blank=True, null=True)),
                ("preferred_name", models.CharField(blank=True, max_length=80)),
                ("pronouns", models.CharField(blank=True, max_length=40)),
                (
                    "feels_safe",
                    models.TextField(blank=True, verbose_name="what helps you feel safe here"),
                ),
                (
                    "care_topics",
                    models.TextField(
                        blank=True, verbose_name="topics or triggers to approach with care"
                    ),
                ),
                ("communication_preferences", models.TextField(blank=True)),
                (
                    "cultural_considerations",
                    models.TextField(
                        blank=True, verbose_name="cultural or spiritual considerations"
                    ),
                ),
                (
                    "declined_questions",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Fields the client preferred not to answer.",
                    ),
                ),
                ("presenting_problems", models.TextField(blank=True)),
                ("mental_health_history", models.TextField(blank=True)),
                ("substance_use_history", models.TextField(blank=True)),
                ("current_medications", models.TextField(blank=True)),
                (
                    "housing",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("stable", "Stable housing"),
                            ("with_others", "Staying with family or friends"),
                            ("temporary", "Temporary or transitional"),
                            ("sober_living", "Recovery residence"),
                            ("unhoused", "Unhoused"),
                            ("declined", "Prefer not to say"),
                        ],
                        max_length=16,
                    ),
                ),
                (
                    "occupation",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("full_time", "Employed full time"),
                            ("part_time", "Employed part time"),
                            ("student", "In school"),
                            ("unemployed", "Looking for work"),
                            ("unable", "Unable to work"),
                            ("retired", "Retired"),
                            ("declined", "Prefer not to say"),
                        ],
                        max_length=16,
                        verbose_name="employment or school",
                    ),
                ),
                (
                    "legal_status",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("none", "No current legal involvement"),
                            ("probation", "On probation"),
                            ("parole", "On parole"),
                            ("pretrial", "Pretrial release or pending charges"),
                            ("drug_court", "Treatment court"),
                            ("declined", "Prefer not to say"),
                        ],
                        max_length=16,
                    ),
                ),
                (
                    "legal_details",
                    models.TextField(blank=True, verbose_name="probation or court details"),
                ),
                ("family_and_supports", models.TextField(blank=True)),
                ("strengths", models.TextField(blank=True)),
                (
                    "asam_edition",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("3", "ASAM Criteria, 3rd edition"),
                            ("4", "ASAM Criteria, 4th edition (2023)"),
                        ],
                        max_length=1,
                    ),
                ),
                ("recommendation_reasons", models.JSONField(blank=True, default=list)),
                (
                    "placement_reason",
                    models.TextField(
                        blank=True,
                        help_text="Required when the placement differs from the recommendation.",
                    ),
                ),
                (
                    "affect_tolerance",
                    models.CharField(
                        choices=[
                            ("adequate", "Tolerates distress and returns to baseline"),
                            ("limited", "Limited: overwhelmed by moderate distress"),
                            ("not_assessed", "Not yet assessed"),
                        ],
                        default="not_assessed",
                        max_length=16,
                    ),
                ),
                (
                    "grounding_skill",
                    models.CharField(
                        choices=[
                            ("working", "Uses a grounding or calm-place skill that works"),
                            ("learning", "Learning a skill; not yet reliable"),
                            ("none", "No skill yet"),
                        ],
                        default="none",
                        max_length=16,
                    ),
                ),
                (
                    "self_harm",
                    models.CharField(
                        choices=[
                            ("none", "No current self-harm"),
                            ("active", "Active self-harm"),
                            ("not_assessed", "Not yet assessed"),
                        ],
                        default="not_assessed",
                        max_length=16,
                        verbose_name="self-harm",
                    ),
                ),
                (
                    "home_stability",
                    models.CharField(
                        choices=[
                            ("stable", "Stable and safe enough at home"),
                            ("unstable", "Unstable or unsafe at home"),
                            ("not_assessed", "Not yet assessed"),
                        ],
                        default="not_assessed",
                        max_length=16,
                    ),
                ),
                ("readiness_notes", models.TextField(blank=True)),
                (
                    "client",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="assessments",
                        to="clients.client",
                    ),
                ),
                (
                    "completed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "placement_level",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="clients.levelofcare",
                    ),
                ),
                (
                    "program",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="accounts.program",
                    ),
                ),
                (
                    "recommended_level",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="clients.levelofcare",
                    ),
                ),
                (
                    "referral",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="assessments",
                        to="intake.referral",
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="ContactAttempt",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("attempted_at", models.DateTimeField()),
                (
                    "method",
                    models.CharField(
                        choices=[
                            ("phone", "Phone call"),
                            ("text", "Text message"),
                            ("email", "Email"),
                            ("in_person", "In person"),
                        ],
                        max_length=10,
                    ),
                ),
                (
                    "outcome",
                    models.CharField(
                        choices=[
                            ("reached", "Reached"),
                            ("message", "Left a message"),
                            ("no_answer", "No answer"),
                            ("wrong_number", "Wrong number"),
                            ("declined", "Declined services"),
                        ],
                        max_length=12,
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=300)),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "referral",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="contacts",
                        to="intake.referral",
                    ),
                ),
            ],
            options={
                "ordering": ["-attempted_at"],
            },
        ),
        migrations.CreateModel(
            name="InstrumentResult",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("instrument", models.CharField(db_index=True, max_length=16)),
                ("version", models.CharField(max_length=40)),
                ("administered_at", models.DateTimeField()),
                ("answers", models.JSONField(help_text="Item key to answer value, as given.")),
                (
                    "context",
                    models.JSONField(blank=True, default=dict, help_text="E.g. sex for AUDIT-C."),
                ),
                ("score", models.DecimalField(decimal_places=1, max_digits=6)),
                ("band", models.CharField(max_length=60)),
                ("critical_items", models.JSONField(blank=True, default=list)),
                (
                    "details",
                    models.JSONField(
                        blank=True,
                        default=dict,
                        help_text="Rule outcomes, e.g. the PCL-5 DSM-5 criteria.",
                    ),
                ),
                (
                    "assessment",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="instrument_results",
                        to="intake.assessment",
                    ),
                ),
                (
                    "client",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="instrument_results",
                        to="clients.client",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "episode",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="clients.episode",
                    ),
                ),
            ],
            options={
                "ordering": ["-administered_at"],
                "indexes": [
                    models.Index(
                        fields=["client", "instrument", "administered_at"],
                        name="intake_inst_client__89786d_idx",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="InstrumentResultEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("instrument", models.CharField(max_length=16)),
                ("version", models.CharField(max_length=40)),
                ("administered_at", models.DateTimeField()),
                ("answers", models.JSONField(help_text="Item key to answer value, as given.")),
                (
                    "context",
                    models.JSONField(blank=True, default=dict, help_text="E.g. sex for AUDIT-C."),
                ),
                ("score", models.DecimalField(decimal_places=1, max_digits=6)),
                ("band", models.CharField(max_length=60)),
                ("critical_items", models.JSONField(blank=True, default=list)),
                (
                    "details",
                    models.JSONField(
                        blank=True,
                        default=dict,
                        help_text="Rule outcomes, e.g. the PCL-5 DSM-5 criteria.",
                    ),
                ),
                (
                    "assessment",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="intake.assessment",
                    ),
                ),
                (
                    "client",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="clients.client",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "episode",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="clients.episode",
                    ),
                ),
                (
                    "pgh_context",
                    models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="pghistory.context",
                    ),
                ),
                (
                    "pgh_obj",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="events",
                        to="intake.instrumentresult",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="ContactAttemptEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("attempted_at", models.DateTimeField()),
                (
                    "method",
                    models.CharField(
                        choices=[
                            ("phone", "Phone call"),
                            ("text", "Text message"),
                            ("email", "Email"),
                            ("in_person", "In person"),
                        ],
                        max_length=10,
                    ),
                ),
                (
                    "outcome",
                    models.CharField(
                        choices=[
                            ("reached", "Reached"),
                            ("message", "Left a message"),
                            ("no_answer", "No answer"),
                            ("wrong_number", "Wrong number"),
                            ("declined", "Declined services"),
                        ],
                        max_length=12,
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=300)),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "pgh_context",
                    models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="pghistory.context",
                    ),
                ),
                (
                    "pgh_obj",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="events",
                        to="intake.contactattempt",
                    ),
                ),
                (
                    "referral",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="intake.referral",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="AssessmentEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "In progress"), ("completed", "Completed")],
                        default="draft",
                        max_length=10,
                    ),
                ),
                ("last_step", models.CharField(default="profile", max_length=20)),
                ("completed_at", models.DateTimeField(blank=True, null=True)),
                ("preferred_name", models.CharField(blank=True, max_length=80)),
                ("pronouns", models.CharField(blank=True, max_length=40)),
                (
                    "feels_safe",
                    models.TextField(blank=True, verbose_name="what helps you feel safe here"),
                ),
                (
                    "care_topics",
                    models.TextField(
                        blank=True, verbose_name="topics or triggers to approach with care"
                    ),
                ),
                ("communication_preferences", models.TextField(blank=True)),
                (
                    "cultural_considerations",
                    models.TextField(
                        blank=True, verbose_name="cultural or spiritual considerations"
                    ),
                ),
                (
                    "declined_questions",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Fields the client preferred not to answer.",
                    ),
                ),
                ("presenting_problems", models.TextField(blank=True)),
                ("mental_health_history", models.TextField(blank=True)),
                ("substance_use_history", models.TextField(blank=True)),
                ("current_medications", models.TextField(blank=True)),
                (
                    "housing",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("stable", "Stable housing"),
                            ("with_others", "Staying with family or friends"),
                            ("temporary", "Temporary or transitional"),
                            ("sober_living", "Recovery residence"),
                            ("unhoused", "Unhoused"),
                            ("declined", "Prefer not to say"),
                        ],
                        max_length=16,
                    ),
                ),
                (
                    "occupation",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("full_time", "Employed full time"),
                            ("part_time", "Employed part time"),
                            ("student", "In school"),
                            ("unemployed", "Looking for work"),
                            ("unable", "Unable to work"),
                            ("retired", "Retired"),
                            ("declined", "Prefer not to say"),
                        ],
                        max_length=16,
                        verbose_name="employment or school",
                    ),
                ),
                (
                    "legal_status",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("none", "No current legal involvement"),
                            ("probation", "On probation"),
                            ("parole", "On parole"),
                            ("pretrial", "Pretrial release or pending charges"),
                            ("drug_court", "Treatment court"),
                            ("declined", "Prefer not to say"),
                        ],
                        max_length=16,
                    ),
                ),
                (
                    "legal_details",
                    models.TextField(blank=True, verbose_name="probation or court details"),
                ),
                ("family_and_supports", models.TextField(blank=True)),
                ("strengths", models.TextField(blank=True)),
                (
                    "asam_edition",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("3", "ASAM Criteria, 3rd edition"),
                            ("4", "ASAM Criteria, 4th edition (2023)"),
                        ],
                        max_length=1,
                    ),
                ),
                ("recommendation_reasons", models.JSONField(blank=True, default=list)),
                (
                    "placement_reason",
                    models.TextField(
                        blank=True,
                        help_text="Required when the placement differs from the recommendation.",
                    ),
                ),
                (
                    "affect_tolerance",
                    models.CharField(
                        choices=[
                            ("adequate", "Tolerates distress and returns to baseline"),
                            ("limited", "Limited: overwhelmed by moderate distress"),
                            ("not_assessed", "Not yet assessed"),
                        ],
                        default="not_assessed",
                        max_length=16,
                    ),
                ),
                (
                    "grounding_skill",
                    models.CharField(
                        choices=[
                            ("working", "Uses a grounding or calm-place skill that works"),
                            ("learning", "Learning a skill; not yet reliable"),
                            ("none", "No skill yet"),
                        ],
                        default="none",
                        max_length=16,
                    ),
                ),
                (
                    "self_harm",
                    models.CharField(
                        choices=[
                            ("none", "No current self-harm"),
                            ("active", "Active self-harm"),
                            ("not_assessed", "Not yet assessed"),
                        ],
                        default="not_assessed",
                        max_length=16,
                        verbose_name="self-harm",
                    ),
                ),
                (
                    "home_stability",
                    models.CharField(
                        choices=[
                            ("stable", "Stable and safe enough at home"),
                            ("unstable", "Unstable or unsafe at home"),
                            ("not_assessed", "Not yet assessed"),
                        ],
                        default="not_assessed",
                        max_length=16,
                    ),
                ),
                ("readiness_notes", models.TextField(blank=True)),
                (
                    "client",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="clients.client",
                    ),
                ),
                (
                    "completed_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "pgh_context",
                    models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="pghistory.context",
                    ),
                ),
                (
                    "pgh_obj",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="events",
                        to="intake.assessment",
                    ),
                ),
                (
                    "placement_level",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="clients.levelofcare",
                    ),
                ),
                (
                    "program",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="accounts.program",
                    ),
                ),
                (
                    "recommended_level",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="clients.levelofcare",
                    ),
                ),
                (
                    "referral",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="intake.referral",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="SafetyAlert",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("reason", models.CharField(max_length=200)),
                ("acknowledged_at", models.DateTimeField(blank=True, null=True)),
                ("risk_assessment", models.TextField(blank=True)),
                (
                    "safety_plan_decision",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("plan_completed", "Safety plan completed with the client today"),
                            ("plan_updated", "Existing safety plan reviewed and updated"),
                            ("emergency", "Referred for emergency evaluation"),
                            ("not_indicated", "No safety plan indicated (reason recorded)"),
                        ],
                        max_length=16,
                    ),
                ),
                ("decision_notes", models.TextField(blank=True)),
                (
                    "acknowledged_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "client",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="safety_alerts",
                        to="clients.client",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "flag",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="safety_alert",
                        to="clients.safetyflag",
                    ),
                ),
                (
                    "result",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="safety_alerts",
                        to="intake.instrumentresult",
                    ),
                ),
                (
                    "safety_plan",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="answered_alerts",
                        to="intake.safetyplan",
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="SafetyAlertEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("reason", models.CharField(max_length=200)),
                ("acknowledged_at", models.DateTimeField(blank=True, null=True)),
                ("risk_assessment", models.TextField(blank=True)),
                (
                    "safety_plan_decision",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("plan_completed", "Safety plan completed with the client today"),
                            ("plan_updated", "Existing safety plan reviewed and updated"),
                            ("emergency", "Referred for emergency evaluation"),
                            ("not_indicated", "No safety plan indicated (reason recorded)"),
                        ],
                        max_length=16,
                    ),
                ),
                ("decision_notes", models.TextField(blank=True)),
                (
                    "acknowledged_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "client",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="clients.client",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "flag",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="clients.safetyflag",
                    ),
                ),
                (
                    "pgh_context",
                    models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="pghistory.context",
                    ),
                ),
                (
                    "pgh_obj",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="events",
                        to="intake.safetyalert",
                    ),
                ),
                (
                    "result",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="intake.instrumentresult",
                    ),
                ),
                (
                    "safety_plan",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="intake.safetyplan",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="AsamRating",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "dimension",
                    models.PositiveSmallIntegerField(
                        validators=[django.core.validators.MaxValueValidator(6)]
                    ),
                ),
                (
                    "rating",
                    models.PositiveSmallIntegerField(
                        validators=[django.core.validators.MaxValueValidator(4)]
                    ),
                ),
                ("notes", models.TextField(blank=True)),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "assessment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="asam_ratings",
                        to="intake.assessment",
                    ),
                ),
            ],
            options={
                "ordering": ["dimension"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("assessment", "dimension"), name="asam_rating_one_per_dimension"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("rating__lte", 4), ("dimension__gte", 1), ("dimension__lte", 6)
                        ),
                        name="asam_rating_in_range",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="AsamRatingEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "dimension",
                    models.PositiveSmallIntegerField(
                        validators=[django.core.validators.MaxValueValidator(6)]
                    ),
                ),
                (
                    "rating",
                    models.PositiveSmallIntegerField(
                        validators=[django.core.validators.MaxValueValidator(4)]
                    ),
                ),
                ("notes", models.TextField(blank=True)),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "pgh_context",
                    models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="pghistory.context",
                    ),
                ),
                (
                    "pgh_obj",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="events",
                        to="intake.asamrating",
                    ),
                ),
                (
                    "assessment",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="intake.assessment",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="asamratingevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="8e64ce57babb1de43e78ddaa92c47d97072931de",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_2892b",
                    table="intake_asamratingevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="asamratingevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="21af0910703b785808405480a6b332bf3a914e29",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_317be",
                    table="intake_asamratingevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="asamrating",
            trigger=pgtrigger.compiler.Trigger(
                name="locked_once_completed",
                sql=iop.locks.LockSql(
                    func="\n                    IF EXISTS (\n                        SELECT 1 FROM intake_assessment a\n                        WHERE a.id IN (OLD.assessment_id, NEW.assessment_id)\n                        AND a.status = 'completed'\n                    ) THEN\n                        RAISE EXCEPTION '%: a completed assessment is final; record a new assessment', TG_TABLE_NAME;\n                    END IF;\n                    RETURN NEW;\n                ",
                    hash="4729d5abb982db7a82bf5c109e1588ef04f87729",
                    operation="UPDATE",
                    pgid="pgtrigger_locked_once_completed_a1ed8",
                    table="intake_asamrating",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="asamrating",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="cf6683af9d1d62afefe3e94085a5521a04b13643",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_a952b",
                    table="intake_asamrating",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="asamrating",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="27131152112005e729127f2a58f00ef3fb670f18",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_e77cb",
                    table="intake_asamrating",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="asamrating",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "intake_asamratingevent" ("assessment_id", "created_at", "created_by_id", "dimension", "id", "notes", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "rating", "updated_at") VALUES (NEW."assessment_id", NEW."created_at", NEW."created_by_id", NEW."dimension", NEW."id", NEW."notes", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."rating", NEW."updated_at"); RETURN NULL;',
                    hash="7ea7bf69f70f819ff6a2d6e4531643887fc8f118",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_c4929",
                    table="intake_asamrating",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="asamrating",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "intake_asamratingevent" ("assessment_id", "created_at", "created_by_id", "dimension", "id", "notes", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "rating", "updated_at") VALUES (NEW."assessment_id", NEW."created_at", NEW."created_by_id", NEW."dimension", NEW."id", NEW."notes", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."rating", NEW."updated_at"); RETURN NULL;',
                    hash="947078999c41db5836b2fc38505e10fa555068a0",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_906fb",
                    table="intake_asamrating",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="consent",
            trigger=pgtrigger.compiler.Trigger(
                name="locked_once_signed",
                sql=iop.locks.LockSql(
                    condition='WHEN (OLD."signed_at" IS NOT NULL AND (OLD."id" IS DISTINCT FROM NEW."id" OR OLD."created_at" IS DISTINCT FROM NEW."created_at" OR OLD."created_by_id" IS DISTINCT FROM NEW."created_by_id" OR OLD."client_id" IS DISTINCT FROM NEW."client_id" OR OLD."kind" IS DISTINCT FROM NEW."kind" OR OLD."discloser" IS DISTINCT FROM NEW."discloser" OR OLD."recipient_user_id" IS DISTINCT FROM NEW."recipient_user_id" OR OLD."recipient_name" IS DISTINCT FROM NEW."recipient_name" OR OLD."recipient_class" IS DISTINCT FROM NEW."recipient_class" OR OLD."information" IS DISTINCT FROM NEW."information" OR OLD."purpose" IS DISTINCT FROM NEW."purpose" OR OLD."expires_on" IS DISTINCT FROM NEW."expires_on" OR OLD."expiry_event" IS DISTINCT FROM NEW."expiry_event" OR OLD."revocation_terms" IS DISTINCT FROM NEW."revocation_terms" OR OLD."duration" IS DISTINCT FROM NEW."duration" OR OLD."irrevocable_until" IS DISTINCT FROM NEW."irrevocable_until" OR OLD."irrevocable_until_event" IS DISTINCT FROM NEW."irrevocable_until_event" OR OLD."reporting_frequency" IS DISTINCT FROM NEW."reporting_frequency" OR OLD."signed_name" IS DISTINCT FROM NEW."signed_name" OR OLD."signer_relationship" IS DISTINCT FROM NEW."signer_relationship" OR OLD."signed_at" IS DISTINCT FROM NEW."signed_at" OR OLD."signed_text" IS DISTINCT FROM NEW."signed_text" OR OLD."witness_id" IS DISTINCT FROM NEW."witness_id"))',
                    func="RAISE EXCEPTION '%: signed records are locked; correct them with an addendum or a new version', TG_TABLE_NAME; RETURN NULL;",
                    hash="816405d2bbbd0e9e67e334c5b24569db2f3f1c1c",
                    operation="UPDATE",
                    pgid="pgtrigger_locked_once_signed_89664",
                    table="intake_consent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="consent",
            trigger=pgtrigger.compiler.Trigger(
                name="revoked_once",
                sql=iop.locks.LockSql(
                    condition='WHEN (OLD."revoked_at" IS DISTINCT FROM NEW."revoked_at" OR OLD."revoked_recorded_by_id" IS DISTINCT FROM NEW."revoked_recorded_by_id" OR OLD."revocation_note" IS DISTINCT FROM NEW."revocation_note")',
                    func="\n                    IF OLD.revoked_at IS NOT NULL THEN\n                        RAISE EXCEPTION '%: a revocation is recorded once and never undone', TG_TABLE_NAME;\n                    END IF;\n                    IF NEW.revoked_at IS NULL OR NEW.revoked_recorded_by_id IS NULL\n                       OR OLD.signed_at IS NULL THEN\n                        RAISE EXCEPTION '%: only a signed consent is revoked, by someone, at a time', TG_TABLE_NAME;\n                    END IF;\n                    IF NEW.irrevocable_until IS NOT NULL AND GREATEST(\n                        (NEW.revoked_at AT TIME ZONE 'UTC')::date,\n                        (SELECT (NEW.revoked_at AT TIME ZONE p.time_zone)::date\n                         FROM clients_client c JOIN accounts_program p ON p.id = c.program_id\n                         WHERE c.id = NEW.client_id)\n                    ) < NEW.irrevocable_until THEN\n                        RAISE EXCEPTION '%: this consent cannot be revoked before its irrevocable-until date', TG_TABLE_NAME;\n                    END IF;\n                    RETURN NEW;\n                ",
                    hash="51078060548bbebd3c3a12e41464c7fcfa015882",
                    operation="UPDATE",
                    pgid="pgtrigger_revoked_once_a601b",
                    table="intake_consent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="consent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: consents are never deleted; a signed one is revoked', TG_TABLE_NAME; RETURN NULL;",
                    hash="215ebe1fae3f405666c719efc557a172e367885f",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_dbc1c",
                    table="intake_consent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="consent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: consents are never deleted; a signed one is revoked', TG_TABLE_NAME; RETURN NULL;",
                    hash="e1502741c4eecfb3d50263e29a204e5adbc6164b",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_0396a",
                    table="intake_consent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="consent",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "intake_consentevent" ("client_id", "created_at", "created_by_id", "discloser", "duration", "expires_on", "expiry_event", "id", "information", "irrevocable_until", "irrevocable_until_event", "kind", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "purpose", "recipient_class", "recipient_name", "recipient_user_id", "reporting_frequency", "revocation_note", "revocation_terms", "revoked_at", "revoked_recorded_by_id", "signed_at", "signed_name", "signed_text", "signer_relationship", "updated_at", "witness_id") VALUES (NEW."client_id", NEW."created_at", NEW."created_by_id", NEW."discloser", NEW."duration", NEW."expires_on", NEW."expiry_event", NEW."id", NEW."information", NEW."irrevocable_until", NEW."irrevocable_until_event", NEW."kind", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."purpose", NEW."recipient_class", NEW."recipient_name", NEW."recipient_user_id", NEW."reporting_frequency", NEW."revocation_note", NEW."revocation_terms", NEW."revoked_at", NEW."revoked_recorded_by_id", NEW."signed_at", NEW."signed_name", NEW."signed_text", NEW."signer_relationship", NEW."updated_at", NEW."witness_id"); RETURN NULL;',
                    hash="6d15b8495cd8d5d5a3ca7aaff2452bc626669bb4",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_4a9a0",
                    table="intake_consent",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="consent",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "intake_consentevent" ("client_id", "created_at", "created_by_id", "discloser", "duration", "expires_on", "expiry_event", "id", "information", "irrevocable_until", "irrevocable_until_event", "kind", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "purpose", "recipient_class", "recipient_name", "recipient_user_id", "reporting_frequency", "revocation_note", "revocation_terms", "revoked_at", "revoked_recorded_by_id", "signed_at", "signed_name", "signed_text", "signer_relationship", "updated_at", "witness_id") VALUES (NEW."client_id", NEW."created_at", NEW."created_by_id", NEW."discloser", NEW."duration", NEW."expires_on", NEW."expiry_event", NEW."id", NEW."information", NEW."irrevocable_until", NEW."irrevocable_until_event", NEW."kind", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."purpose", NEW."recipient_class", NEW."recipient_name", NEW."recipient_user_id", NEW."reporting_frequency", NEW."revocation_note", NEW."revocation_terms", NEW."revoked_at", NEW."revoked_recorded_by_id", NEW."signed_at", NEW."signed_name", NEW."signed_text", NEW."signer_relationship", NEW."updated_at", NEW."witness_id"); RETURN NULL;',
                    hash="94c90c999f8dfa47fe1a915c7fc308f5efade8e7",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_84e16",
                    table="intake_consent",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="consentevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="cb2c286da88c4e6364b41dc62847dcf52d39c438",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_049c1",
                    table="intake_consentevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="consentevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="da8405e0b2feaef6967ef33b20750ba0e5c19b84",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_fb820",
                    table="intake_consentevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="courtorder",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: court orders are never deleted; they end', TG_TABLE_NAME; RETURN NULL;",
                    hash="901bd76f79aea76edda1650ab026df1c7e97b148",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_37093",
                    table="intake_courtorder",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="courtorder",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: court orders are never deleted; they end', TG_TABLE_NAME; RETURN NULL;",
                    hash="29eebd561c699944628e913d589c8e5f717b3682",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_058be",
                    table="intake_courtorder",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="courtorder",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "intake_courtorderevent" ("case_number", "client_id", "court_program", "created_at", "created_by_id", "drug_screens_per_week", "ends_on", "family_sessions_per_week", "group_sessions_per_week", "id", "individual_sessions_per_week", "legal_status", "medication_visits_per_week", "ordered_on", "other_conditions", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "supervising_officer_id", "supervising_officer_name", "updated_at") VALUES (NEW."case_number", NEW."client_id", NEW."court_program", NEW."created_at", NEW."created_by_id", NEW."drug_screens_per_week", NEW."ends_on", NEW."family_sessions_per_week", NEW."group_sessions_per_week", NEW."id", NEW."individual_sessions_per_week", NEW."legal_status", NEW."medication_visits_per_week", NEW."ordered_on", NEW."other_conditions", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."supervising_officer_id", NEW."supervising_officer_name", NEW."updated_at"); RETURN NULL;',
                    hash="24d08205f491bbc57e295811f8d04f15fad11621",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_eea59",
                    table="intake_courtorder",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="courtorder",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "intake_courtorderevent" ("case_number", "client_id", "court_program", "created_at", "created_by_id", "drug_screens_per_week", "ends_on", "family_sessions_per_week", "group_sessions_per_week", "id", "individual_sessions_per_week", "legal_status", "medication_visits_per_week", "ordered_on", "other_conditions", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "supervising_officer_id", "supervising_officer_name", "updated_at") VALUES (NEW."case_number", NEW."client_id", NEW."court_program", NEW."created_at", NEW."created_by_id", NEW."drug_screens_per_week", NEW."ends_on", NEW."family_sessions_per_week", NEW."group_sessions_per_week", NEW."id", NEW."individual_sessions_per_week", NEW."legal_status", NEW."medication_visits_per_week", NEW."ordered_on", NEW."other_conditions", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."supervising_officer_id", NEW."supervising_officer_name", NEW."updated_at"); RETURN NULL;',
                    hash="03f63a9ec439e22744f653b72eae05d894fcbf47",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_16055",
                    table="intake_courtorder",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="courtorderevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="bfe4656f1e332b5e533f3786acd84bef065f88be",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_a6724",
                    table="intake_courtorderevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="courtorderevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="3b3ba516f85b750944e0896112b3f519c78a3c2a",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_711ff",
                    table="intake_courtorderevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="instrumentresult",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: instrument scores are final; administer it again instead', TG_TABLE_NAME; RETURN NULL;",
                    hash="7f217ef82b99a238a0c8c6befd027e61523241ad",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_b5248",
                    table="intake_instrumentresult",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="instrumentresult",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: instrument scores are final; administer it again instead', TG_TABLE_NAME; RETURN NULL;",
                    hash="ebc9d1a87e5d3205f2005839371c070a1d03f696",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_f0081",
                    table="intake_instrumentresult",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="instrumentresult",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "intake_instrumentresultevent" ("administered_at", "answers", "assessment_id", "band", "client_id", "context", "created_at", "created_by_id", "critical_items", "details", "episode_id", "id", "instrument", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "score", "updated_at", "version") VALUES (NEW."administered_at", NEW."answers", NEW."assessment_id", NEW."band", NEW."client_id", NEW."context", NEW."created_at", NEW."created_by_id", NEW."critical_items", NEW."details", NEW."episode_id", NEW."id", NEW."instrument", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."score", NEW."updated_at", NEW."version"); RETURN NULL;',
                    hash="e49b8409b86b1a9fa9941a74e8e0f08d4305a7a4",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_39e34",
                    table="intake_instrumentresult",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="instrumentresult",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "intake_instrumentresultevent" ("administered_at", "answers", "assessment_id", "band", "client_id", "context", "created_at", "created_by_id", "critical_items", "details", "episode_id", "id", "instrument", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "score", "updated_at", "version") VALUES (NEW."administered_at", NEW."answers", NEW."assessment_id", NEW."band", NEW."client_id", NEW."context", NEW."created_at", NEW."created_by_id", NEW."critical_items", NEW."details", NEW."episode_id", NEW."id", NEW."instrument", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."score", NEW."updated_at", NEW."version"); RETURN NULL;',
                    hash="c7813dcfd6e51d96c82fb9ee7d4ff641adc2e1b7",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_01749",
                    table="intake_instrumentresult",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="instrumentresultevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="f7693776f4c4395ebd863ee07cb0c6cb954f022e",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_40008",
                    table="intake_instrumentresultevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="instrumentresultevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="d149fd73406230ffedc89beceeebc380bc722d3c",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_d5c10",
                    table="intake_instrumentresultevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="referral",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="32da2a68af7761e6bcf1bd07ae7cbf7877831afc",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_6b22a",
                    table="intake_referral",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="referral",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="1bbf11a8104e2fc7db4f036bb2082ed1ea809384",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_bd3df",
                    table="intake_referral",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="referral",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "intake_referralevent" ("client_id", "closed_reason", "court_case_number", "created_at", "created_by_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "probation_officer_id", "probation_officer_name", "program_id", "reason", "received_on", "referrer_contact", "referrer_name", "source", "status", "updated_at", "urgency") VALUES (NEW."client_id", NEW."closed_reason", NEW."court_case_number", NEW."created_at", NEW."created_by_id", NEW."id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."probation_officer_id", NEW."probation_officer_name", NEW."program_id", NEW."reason", NEW."received_on", NEW."referrer_contact", NEW."referrer_name", NEW."source", NEW."status", NEW."updated_at", NEW."urgency"); RETURN NULL;',
                    hash="dbe57718fb2b1c6134b248e6952c1e4a30c8712b",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_70557",
                    table="intake_referral",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="referral",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "intake_referralevent" ("client_id", "closed_reason", "court_case_number", "created_at", "created_by_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "probation_officer_id", "probation_officer_name", "program_id", "reason", "received_on", "referrer_contact", "referrer_name", "source", "status", "updated_at", "urgency") VALUES (NEW."client_id", NEW."closed_reason", NEW."court_case_number", NEW."created_at", NEW."created_by_id", NEW."id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."probation_officer_id", NEW."probation_officer_name", NEW."program_id", NEW."reason", NEW."received_on", NEW."referrer_contact", NEW."referrer_name", NEW."source", NEW."status", NEW."updated_at", NEW."urgency"); RETURN NULL;',
                    hash="245c4c7b35d513a772b5d8e6ca0b13e417753265",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_8f5cf",
                    table="intake_referral",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="contactattemptevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="aeb8d3eadd2253b7d756e1165c57eb2411cb8364",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_238bc",
                    table="intake_contactattemptevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="contactattemptevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="1fb458f31aaaff4f69b6823226feef5d8636b294",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_aa1b7",
                    table="intake_contactattemptevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="contactattempt",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="90e1569ba811ee1e4abeb9a28405873bb216a5db",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_fc5bb",
                    table="intake_contactattempt",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="contactattempt",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="5087ee11e90df23f512a6fedd1b13ea533b58da8",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_80aa7",
                    table="intake_contactattempt",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="contactattempt",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "intake_contactattemptevent" ("attempted_at", "created_at", "created_by_id", "id", "method", "note", "outcome", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "referral_id", "updated_at") VALUES (NEW."attempted_at", NEW."created_at", NEW."created_by_id", NEW."id", NEW."method", NEW."note", NEW."outcome", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."referral_id", NEW."updated_at"); RETURN NULL;',
                    hash="6d3460180c7d3a7ae3d03c0df80d2a15b4c17882",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_df4f4",
                    table="intake_contactattempt",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="contactattempt",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "intake_contactattemptevent" ("attempted_at", "created_at", "created_by_id", "id", "method", "note", "outcome", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "referral_id", "updated_at") VALUES (NEW."attempted_at", NEW."created_at", NEW."created_by_id", NEW."id", NEW."method", NEW."note", NEW."outcome", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."referral_id", NEW."updated_at"); RETURN NULL;',
                    hash="b3fd015edda7c3645a64ec85939403c5737915eb",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_4c49d",
                    table="intake_contactattempt",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="assessmentevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="32833f59df325ecdf1d0ea517bab10ea5cfbd0b7",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_081b7",
                    table="intake_assessmentevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="assessmentevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="b42dbb69f990a503aacdc83ceb2cca096b5dd7bf",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_b6f93",
                    table="intake_assessmentevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="assessment",
            trigger=pgtrigger.compiler.Trigger(
                name="locked_once_completed",
                sql=iop.locks.LockSql(
                    condition="WHEN (OLD.status = 'completed')",
                    func="RAISE EXCEPTION '%: a completed assessment is final; record a new assessment', TG_TABLE_NAME; RETURN NULL;",
                    hash="30376d0370b0f4285682ae954e193b5339f818a0",
                    operation="UPDATE",
                    pgid="pgtrigger_locked_once_completed_a5bf1",
                    table="intake_assessment",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="assessment",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="2e269e11e1a6319a61eb998b5df966f6ea5c320d",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_d46e5",
                    table="intake_assessment",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="assessment",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="cf47745d0c5116632de29baaf8d27c7f13886b7c",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_d9bf0",
                    table="intake_assessment",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="assessment",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "intake_assessmentevent" ("affect_tolerance", "asam_edition", "care_topics", "client_id", "communication_preferences", "completed_at", "completed_by_id", "created_at", "created_by_id", "cultural_considerations", "current_medications", "declined_questions", "family_and_supports", "feels_safe", "grounding_skill", "home_stability", "housing", "id", "last_step", "legal_details", "legal_status", "mental_health_history", "occupation", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "placement_level_id", "placement_reason", "preferred_name", "presenting_problems", "program_id", "pronouns", "readiness_notes", "recommendation_reasons", "recommended_level_id", "referral_id", "self_harm", "status", "strengths", "substance_use_history", "updated_at") VALUES (NEW."affect_tolerance", NEW."asam_edition", NEW."care_topics", NEW."client_id", NEW."communication_preferences", NEW."completed_at", NEW."completed_by_id", NEW."created_at", NEW."created_by_id", NEW."cultural_considerations", NEW."current_medications", NEW."declined_questions", NEW."family_and_supports", NEW."feels_safe", NEW."grounding_skill", NEW."home_stability", NEW."housing", NEW."id", NEW."last_step", NEW."legal_details", NEW."legal_status", NEW."mental_health_history", NEW."occupation", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."placement_level_id", NEW."placement_reason", NEW."preferred_name", NEW."presenting_problems", NEW."program_id", NEW."pronouns", NEW."readiness_notes", NEW."recommendation_reasons", NEW."recommended_level_id", NEW."referral_id", NEW."self_harm", NEW."status", NEW."strengths", NEW."substance_use_history", NEW."updated_at"); RETURN NULL;',
                    hash="95eadf5076598342bb4f9ff41016eb3b3c252379",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_3435a",
                    table="intake_assessment",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="assessment",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "intake_assessmentevent" ("affect_tolerance", "asam_edition", "care_topics", "client_id", "communication_preferences", "completed_at", "completed_by_id", "created_at", "created_by_id", "cultural_considerations", "current_medications", "declined_questions", "family_and_supports", "feels_safe", "grounding_skill", "home_stability", "housing", "id", "last_step", "legal_details", "legal_status", "mental_health_history", "occupation", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "placement_level_id", "placement_reason", "preferred_name", "presenting_problems", "program_id", "pronouns", "readiness_notes", "recommendation_reasons", "recommended_level_id", "referral_id", "self_harm", "status", "strengths", "substance_use_history", "updated_at") VALUES (NEW."affect_tolerance", NEW."asam_edition", NEW."care_topics", NEW."client_id", NEW."communication_preferences", NEW."completed_at", NEW."completed_by_id", NEW."created_at", NEW."created_by_id", NEW."cultural_considerations", NEW."current_medications", NEW."declined_questions", NEW."family_and_supports", NEW."feels_safe", NEW."grounding_skill", NEW."home_stability", NEW."housing", NEW."id", NEW."last_step", NEW."legal_details", NEW."legal_status", NEW."mental_health_history", NEW."occupation", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."placement_level_id", NEW."placement_reason", NEW."preferred_name", NEW."presenting_problems", NEW."program_id", NEW."pronouns", NEW."readiness_notes", NEW."recommendation_reasons", NEW."recommended_level_id", NEW."referral_id", NEW."self_harm", NEW."status", NEW."strengths", NEW."substance_use_history", NEW."updated_at"); RETURN NULL;',
                    hash="5c60ba8680091886406b1f453e6387f23abd9649",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_dda0c",
                    table="intake_assessment",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="referralevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="4a8871fda705d4601b052dae6a1bb3d5d9b94eab",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_93cf1",
                    table="intake_referralevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="referralevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="36b3d2e4166f3eeabe67737947d8dda258e2e9ab",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_c09af",
                    table="intake_referralevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="safetyplan",
            trigger=pgtrigger.compiler.Trigger(
                name="locked_once_signed",
                sql=iop.locks.LockSql(
                    condition='WHEN (OLD."signed_at" IS NOT NULL AND (OLD."id" IS DISTINCT FROM NEW."id" OR OLD."created_at" IS DISTINCT FROM NEW."created_at" OR OLD."created_by_id" IS DISTINCT FROM NEW."created_by_id" OR OLD."client_id" IS DISTINCT FROM NEW."client_id" OR OLD."version" IS DISTINCT FROM NEW."version" OR OLD."previous_id" IS DISTINCT FROM NEW."previous_id" OR OLD."warning_signs" IS DISTINCT FROM NEW."warning_signs" OR OLD."coping_strategies" IS DISTINCT FROM NEW."coping_strategies" OR OLD."distractions" IS DISTINCT FROM NEW."distractions" OR OLD."help_contacts" IS DISTINCT FROM NEW."help_contacts" OR OLD."professionals" IS DISTINCT FROM NEW."professionals" OR OLD."safer_environment" IS DISTINCT FROM NEW."safer_environment" OR OLD."reasons_for_living" IS DISTINCT FROM NEW."reasons_for_living" OR OLD."review_on" IS DISTINCT FROM NEW."review_on" OR OLD."client_signed_name" IS DISTINCT FROM NEW."client_signed_name" OR OLD."client_signed_at" IS DISTINCT FROM NEW."client_signed_at" OR OLD."clinician_signed_by_id" IS DISTINCT FROM NEW."clinician_signed_by_id" OR OLD."clinician_signed_at" IS DISTINCT FROM NEW."clinician_signed_at" OR OLD."signed_at" IS DISTINCT FROM NEW."signed_at" OR OLD."signed_text" IS DISTINCT FROM NEW."signed_text" OR OLD."program_crisis_line" IS DISTINCT FROM NEW."program_crisis_line"))',
                    func="RAISE EXCEPTION '%: signed records are locked; correct them with an addendum or a new version', TG_TABLE_NAME; RETURN NULL;",
                    hash="c49d448c77d532f9f39aebad05d707dd7127785b",
                    operation="UPDATE",
                    pgid="pgtrigger_locked_once_signed_625dd",
                    table="intake_safetyplan",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="safetyplan",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: safety plans are never deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="16e645833ccc22c88bb841c4e98c8d23b114e9d2",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_2e98e",
                    table="intake_safetyplan",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="safetyplan",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: safety plans are never deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="c6292d46e76fd2b54845c361508b35914496ab97",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_e98a0",
                    table="intake_safetyplan",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="safetyplan",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "intake_safetyplanevent" ("client_id", "client_signed_at", "client_signed_name", "clinician_signed_at", "clinician_signed_by_id", "coping_strategies", "created_at", "created_by_id", "distractions", "help_contacts", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "previous_id", "professionals", "program_crisis_line", "reasons_for_living", "review_on", "safer_environment", "signed_at", "signed_text", "superseded_at", "updated_at", "version", "warning_signs") VALUES (NEW."client_id", NEW."client_signed_at", NEW."client_signed_name", NEW."clinician_signed_at", NEW."clinician_signed_by_id", NEW."coping_strategies", NEW."created_at", NEW."created_by_id", NEW."distractions", NEW."help_contacts", NEW."id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."previous_id", NEW."professionals", NEW."program_crisis_line", NEW."reasons_for_living", NEW."review_on", NEW."safer_environment", NEW."signed_at", NEW."signed_text", NEW."superseded_at", NEW."updated_at", NEW."version", NEW."warning_signs"); RETURN NULL;',
                    hash="76b40b209d9e9c32a4121d58e16a965fb1897bae",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_3b454",
                    table="intake_safetyplan",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="safetyplan",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "intake_safetyplanevent" ("client_id", "client_signed_at", "client_signed_name", "clinician_signed_at", "clinician_signed_by_id", "coping_strategies", "created_at", "created_by_id", "distractions", "help_contacts", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "previous_id", "professionals", "program_crisis_line", "reasons_for_living", "review_on", "safer_environment", "signed_at", "signed_text", "superseded_at", "updated_at", "version", "warning_signs") VALUES (NEW."client_id", NEW."client_signed_at", NEW."client_signed_name", NEW."clinician_signed_at", NEW."clinician_signed_by_id", NEW."coping_strategies", NEW."created_at", NEW."created_by_id", NEW."distractions", NEW."help_contacts", NEW."id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."previous_id", NEW."professionals", NEW."program_crisis_line", NEW."reasons_for_living", NEW."review_on", NEW."safer_environment", NEW."signed_at", NEW."signed_text", NEW."superseded_at", NEW."updated_at", NEW."version", NEW."warning_signs"); RETURN NULL;',
                    hash="cf04cd040a0b68404faa7fb51f6cfc0d8da44f27",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_e73ef",
                    table="intake_safetyplan",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="safetyalertevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="b77a82e24b30d5a96d8d803f95dd9f13aca85c67",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_f1cf8",
                    table="intake_safetyalertevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="safetyalertevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="56ec8e2d129c27589886b0fd7ada7f11b6f37d49",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_20a08",
                    table="intake_safetyalertevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="safetyalert",
            trigger=pgtrigger.compiler.Trigger(
                name="never_deleted",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="b3822ae40f2064122ee7137e3c61b7e559c4f73b",
                    operation="DELETE",
                    pgid="pgtrigger_never_deleted_56184",
                    table="intake_safetyalert",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="safetyalert",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: clinical records are never deleted; close, supersede or amend them', TG_TABLE_NAME; RETURN NULL;",
                    hash="4cc902860b37758c533f3d1e31e4ae1d7e951baf",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_ad6cd",
                    table="intake_safetyalert",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="safetyalert",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "intake_safetyalertevent" ("acknowledged_at", "acknowledged_by_id", "client_id", "created_at", "created_by_id", "decision_notes", "flag_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "reason", "result_id", "risk_assessment", "safety_plan_decision", "safety_plan_id", "updated_at") VALUES (NEW."acknowledged_at", NEW."acknowledged_by_id", NEW."client_id", NEW."created_at", NEW."created_by_id", NEW."decision_notes", NEW."flag_id", NEW."id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."reason", NEW."result_id", NEW."risk_assessment", NEW."safety_plan_decision", NEW."safety_plan_id", NEW."updated_at"); RETURN NULL;',
                    hash="1dc24720d3aafc1cce04396e98f010a274f33970",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_04884",
                    table="intake_safetyalert",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="safetyalert",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "intake_safetyalertevent" ("acknowledged_at", "acknowledged_by_id", "client_id", "created_at", "created_by_id", "decision_notes", "flag_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "reason", "result_id", "risk_assessment", "safety_plan_decision", "safety_plan_id", "updated_at") VALUES (NEW."acknowledged_at", NEW."acknowledged_by_id", NEW."client_id", NEW."created_at", NEW."created_by_id", NEW."decision_notes", NEW."flag_id", NEW."id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."reason", NEW."result_id", NEW."risk_assessment", NEW."safety_plan_decision", NEW."safety_plan_id", NEW."updated_at"); RETURN NULL;',
                    hash="1066de5fdfa335a1553a650954ea32bc8f77a516",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_d0f3e",
                    table="intake_safetyalert",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="safetyplanevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="56afa117c61d91cd2dedffb0f62449dbc6c6ec89",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_dd2f8",
                    table="intake_safetyplanevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="safetyplanevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="f1a2cf5561940bb7b8a08428edcb7c8f50356584",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_1e100",
                    table="intake_safetyplanevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="treatmentconsenttext",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: consent texts are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="55fa24c8ef61416bb2bc686b64c1f1009737aef5",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_63ff6",
                    table="intake_treatmentconsenttext",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="treatmentconsenttext",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: consent texts are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="491ade5ae666d0538c04a50435f96e95c4073824",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_892e9",
                    table="intake_treatmentconsenttext",
                    when="BEFORE",
                ),
            ),
        ),
    ]
