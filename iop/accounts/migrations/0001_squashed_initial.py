# The app's migration chain up to 39e9538, squashed into one (see replaces): what a fresh
# database needs, built from the models by makemigrations and merged (one CreateModel per
# model, indexes and constraints folded in, so a fresh migrate re-renders the state less).
# The schema it builds matches the old chain's (pg_dump --schema-only), but for two dead
# functions the old chain left behind (scheduling 0002 removed their triggers, not them).
# Not carried over, as it only changed existing rows: 0007_encrypt_mfa_secrets (encrypted MFA secrets already stored).

import datetime
import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import iop.accounts.models
import iop.locks
import pgtrigger.compiler
import pgtrigger.migrations
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    replaces = [
        ("accounts", "0001_initial"),
        ("accounts", "0002_program_plan_requires_cosign"),
        ("accounts", "0003_membership_notes_need_cosign_membership_supervisor_and_more"),
        ("accounts", "0004_safety_alert_overdue_and_on_call"),
        ("accounts", "0005_program_crisis_line"),
        ("accounts", "0006_trust_history_invitations_and_approvals"),
        ("accounts", "0007_encrypt_mfa_secrets"),
        ("accounts", "0008_program_history_crisis_line"),
        ("accounts", "0009_clinical_rows_never_deleted_locks_not_switchable"),
        ("accounts", "0010_program_psychiatric_review_days"),
        ("accounts", "0011_program_compliance_rules_and_letterhead"),
        ("accounts", "0012_program_reliable_change_and_step_down"),
        ("accounts", "0013_program_relapse_prevention_settings"),
    ]

    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("pghistory", "0007_auto_20250421_0444"),
    ]

    operations = [
        migrations.CreateModel(
            name="User",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("password", models.CharField(max_length=128, verbose_name="password")),
                (
                    "last_login",
                    models.DateTimeField(blank=True, null=True, verbose_name="last login"),
                ),
                (
                    "is_superuser",
                    models.BooleanField(
                        default=False,
                        help_text="Designates that this user has all permissions without explicitly assigning them.",
                        verbose_name="superuser status",
                    ),
                ),
                (
                    "first_name",
                    models.CharField(blank=True, max_length=150, verbose_name="first name"),
                ),
                (
                    "last_name",
                    models.CharField(blank=True, max_length=150, verbose_name="last name"),
                ),
                (
                    "is_staff",
                    models.BooleanField(
                        default=False,
                        help_text="Designates whether the user can log into this admin site.",
                        verbose_name="staff status",
                    ),
                ),
                (
                    "is_active",
                    models.BooleanField(
                        default=True,
                        help_text="Designates whether this user should be treated as active. Unselect this instead of deleting accounts.",
                        verbose_name="active",
                    ),
                ),
                (
                    "date_joined",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="date joined"
                    ),
                ),
                (
                    "email",
                    models.EmailField(max_length=254, unique=True, verbose_name="email address"),
                ),
                (
                    "credentials",
                    models.CharField(
                        blank=True,
                        help_text="Shown after the name on signed notes, e.g. LCSW.",
                        max_length=40,
                    ),
                ),
                (
                    "groups",
                    models.ManyToManyField(
                        blank=True,
                        help_text="The groups this user belongs to. A user will get all permissions granted to each of their groups.",
                        related_name="user_set",
                        related_query_name="user",
                        to="auth.group",
                        verbose_name="groups",
                    ),
                ),
                (
                    "user_permissions",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Specific permissions for this user.",
                        related_name="user_set",
                        related_query_name="user",
                        to="auth.permission",
                        verbose_name="user permissions",
                    ),
                ),
            ],
            options={
                "ordering": ["last_name", "first_name"],
            },
            managers=[
                ("objects", iop.accounts.models.UserManager()),
            ],
        ),
        migrations.CreateModel(
            name="Program",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("name", models.CharField(max_length=120, unique=True)),
                (
                    "time_zone",
                    models.CharField(
                        default="America/New_York",
                        max_length=64,
                        validators=[iop.accounts.models.validate_time_zone],
                    ),
                ),
                (
                    "asam_edition",
                    models.CharField(
                        choices=[
                            ("3", "ASAM Criteria, 3rd edition"),
                            ("4", "ASAM Criteria, 4th edition (2023)"),
                        ],
                        default="3",
                        max_length=1,
                    ),
                ),
                (
                    "first_plan_due_days",
                    models.PositiveSmallIntegerField(
                        default=7,
                        help_text="Days after admission by which the first treatment plan is due.",
                    ),
                ),
                (
                    "plan_review_days",
                    models.PositiveSmallIntegerField(
                        default=30, help_text="Days between treatment plan reviews."
                    ),
                ),
                (
                    "iop_min_weekly_hours",
                    models.DecimalField(
                        decimal_places=1,
                        default=9,
                        help_text="Minimum weekly hours for IOP (adults).",
                        max_digits=4,
                    ),
                ),
                (
                    "note_late_hours",
                    models.PositiveSmallIntegerField(
                        default=24,
                        help_text="Hours after a session before an unsigned note is flagged late.",
                    ),
                ),
                (
                    "idle_timeout_minutes",
                    models.PositiveSmallIntegerField(
                        default=15,
                        help_text="Minutes of inactivity before staff are signed out (5 to 60).",
                        validators=[
                            django.core.validators.MinValueValidator(
                                5,
                                message="Sign staff out after at least 5 minutes, or they lose work mid-note.",
                            ),
                            django.core.validators.MaxValueValidator(
                                60,
                                message="Sign staff out after at most 60 minutes, so an unattended screen does not stay open on a client's record.",
                            ),
                        ],
                    ),
                ),
                ("active", models.BooleanField(default=True)),
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
                    "plan_requires_cosign",
                    models.BooleanField(
                        default=True,
                        help_text="Treatment plans need a director's or supervisor's co-signature.",
                    ),
                ),
                (
                    "note_format",
                    models.CharField(
                        choices=[("dap", "DAP"), ("birp", "BIRP"), ("soap", "SOAP")],
                        default="dap",
                        help_text="Format of individual, family and medication-management notes.",
                        max_length=8,
                    ),
                ),
                (
                    "quiet_hours_end",
                    models.TimeField(
                        default=datetime.time(8, 0),
                        help_text="…until this time (program time zone).",
                    ),
                ),
                (
                    "quiet_hours_start",
                    models.TimeField(
                        default=datetime.time(21, 0),
                        help_text="No reminders to clients from this time…",
                    ),
                ),
                (
                    "reminder_hours_before",
                    models.PositiveSmallIntegerField(
                        default=24, help_text="Hours before a session that clients are reminded."
                    ),
                ),
                (
                    "sessions_weeks_ahead",
                    models.PositiveSmallIntegerField(
                        default=6, help_text="Weeks of track sessions kept generated ahead."
                    ),
                ),
                (
                    "alert_overdue_at",
                    models.TimeField(
                        default=datetime.time(17, 0),
                        help_text="An open safety alert is shown to directors as overdue from this time of the day it was raised (program time zone).",
                        verbose_name="safety alerts overdue at",
                    ),
                ),
                (
                    "crisis_line_name",
                    models.CharField(
                        blank=True,
                        help_text="E.g. 'Riverside IOP after-hours line'. Leave empty if the program has none.",
                        max_length=120,
                        verbose_name="program crisis line name",
                    ),
                ),
                (
                    "crisis_line_phone",
                    models.CharField(
                        blank=True,
                        help_text="E.g. (555) 010-2000.",
                        max_length=40,
                        verbose_name="program crisis line number",
                    ),
                ),
                (
                    "psychiatric_review_days",
                    models.PositiveSmallIntegerField(
                        default=14,
                        help_text="Days between psychiatric medication reviews for IOP clients on psychiatric medication",
                        validators=[
                            django.core.validators.MinValueValidator(
                                1, message="Use at least 1 day between reviews."
                            ),
                            django.core.validators.MaxValueValidator(
                                90, message="Use at most 90 days between reviews."
                            ),
                        ],
                    ),
                ),
                (
                    "compliance_attendance_percent",
                    models.PositiveSmallIntegerField(
                        default=90,
                        help_text="Attendance (of sessions not excused) at or above this is compliant.",
                        validators=[
                            django.core.validators.MinValueValidator(
                                50, message="Use at least 50%."
                            ),
                            django.core.validators.MaxValueValidator(
                                100, message="Use at most 100%."
                            ),
                        ],
                    ),
                ),
                (
                    "compliant_unexcused_absences",
                    models.PositiveSmallIntegerField(
                        default=1,
                        help_text="Unexcused absences a report period may have and still be compliant.",
                    ),
                ),
                (
                    "letterhead_address",
                    models.TextField(
                        blank=True,
                        help_text="The program's address, printed on the letterhead of reports.",
                    ),
                ),
                (
                    "letterhead_phone",
                    models.CharField(
                        blank=True,
                        help_text="The program's phone, printed on the letterhead.",
                        max_length=40,
                    ),
                ),
                (
                    "noncompliant_failed_screens",
                    models.PositiveSmallIntegerField(
                        default=2,
                        help_text="Unexplained positive, refused, no-show or tampered drug screens in a period that make it non-compliant (one fewer makes it partially compliant).",
                        validators=[
                            django.core.validators.MinValueValidator(1, message="Use at least 1.")
                        ],
                    ),
                ),
                (
                    "partial_attendance_percent",
                    models.PositiveSmallIntegerField(
                        default=75,
                        help_text="Attendance below this is non-compliant; between the two, partially compliant.",
                        validators=[
                            django.core.validators.MinValueValidator(1, message="Use at least 1%."),
                            django.core.validators.MaxValueValidator(
                                100, message="Use at most 100%."
                            ),
                        ],
                    ),
                ),
                (
                    "reliable_change_gad7",
                    models.PositiveSmallIntegerField(
                        default=4,
                        help_text="A change in the GAD-7 total of at least this many points is reliable. Default 4, unconfirmed.",
                        validators=[
                            django.core.validators.MinValueValidator(
                                1, message="Use at least 1 point."
                            ),
                            django.core.validators.MaxValueValidator(
                                21, message="Use at most 21 points."
                            ),
                        ],
                        verbose_name="GAD-7 reliable change (points)",
                    ),
                ),
                (
                    "reliable_change_pcl5",
                    models.PositiveSmallIntegerField(
                        default=5,
                        help_text="A change in the PCL-5 total of at least this many points is reliable (5 per the VA National Center for PTSD; 10 is clinically meaningful).",
                        validators=[
                            django.core.validators.MinValueValidator(
                                1, message="Use at least 1 point."
                            ),
                            django.core.validators.MaxValueValidator(
                                80, message="Use at most 80 points."
                            ),
                        ],
                        verbose_name="PCL-5 reliable change (points)",
                    ),
                ),
                (
                    "reliable_change_phq9",
                    models.PositiveSmallIntegerField(
                        default=5,
                        help_text="A change in the PHQ-9 total of at least this many points is reliable. Default 5, unconfirmed.",
                        validators=[
                            django.core.validators.MinValueValidator(
                                1, message="Use at least 1 point."
                            ),
                            django.core.validators.MaxValueValidator(
                                27, message="Use at most 27 points."
                            ),
                        ],
                        verbose_name="PHQ-9 reliable change (points)",
                    ),
                ),
                (
                    "step_down_weeks_at_level",
                    models.PositiveSmallIntegerField(
                        default=4,
                        help_text="A client is flagged as a step-down candidate only after this many weeks at the current level of care.",
                        validators=[
                            django.core.validators.MinValueValidator(
                                1, message="Use at least 1 week."
                            ),
                            django.core.validators.MaxValueValidator(
                                52, message="Use at most 52 weeks."
                            ),
                        ],
                        verbose_name="weeks at a level before a step-down is suggested",
                    ),
                ),
                (
                    "checkin_rise_points",
                    models.PositiveSmallIntegerField(
                        default=3,
                        help_text="A craving this many points above the client's own baseline, or a mood this many points below it, is shown on Today for the primary clinician.",
                        validators=[
                            django.core.validators.MinValueValidator(
                                1, message="Use at least 1 point."
                            ),
                            django.core.validators.MaxValueValidator(
                                10, message="Use at most 10 points."
                            ),
                        ],
                        verbose_name="check-in rise shown on Today (points)",
                    ),
                ),
                (
                    "high_risk_reminder_days",
                    models.PositiveSmallIntegerField(
                        default=7,
                        help_text="The primary clinician is reminded this many days before each high-risk date on a client's relapse prevention plan.",
                        validators=[
                            django.core.validators.MinValueValidator(
                                1, message="Use at least 1 day."
                            ),
                            django.core.validators.MaxValueValidator(
                                60, message="Use at most 60 days."
                            ),
                        ],
                        verbose_name="days before a high-risk date to remind",
                    ),
                ),
                (
                    "lapse_step_up_count",
                    models.PositiveSmallIntegerField(
                        default=2,
                        help_text="This many lapses within the days below flag the client as a step-up candidate. A lapse while a safety alert is open always does.",
                        validators=[
                            django.core.validators.MinValueValidator(
                                1, message="Use at least 1 lapse."
                            ),
                            django.core.validators.MaxValueValidator(
                                10, message="Use at most 10 lapses."
                            ),
                        ],
                        verbose_name="lapses that suggest a step up",
                    ),
                ),
                (
                    "lapse_step_up_days",
                    models.PositiveSmallIntegerField(
                        default=14,
                        help_text="The window, in days, for the lapse count above.",
                        validators=[
                            django.core.validators.MinValueValidator(
                                1, message="Use at least 1 day."
                            ),
                            django.core.validators.MaxValueValidator(
                                90, message="Use at most 90 days."
                            ),
                        ],
                        verbose_name="within days",
                    ),
                ),
                (
                    "processing_dissociation_rise",
                    models.PositiveSmallIntegerField(
                        default=10,
                        help_text="A DES-II score this many points above the one before, or at 30 or more, is shown as rising dissociation.",
                        validators=[
                            django.core.validators.MinValueValidator(
                                1, message="Use at least 1 point."
                            ),
                            django.core.validators.MaxValueValidator(
                                100, message="Use at most 100 points."
                            ),
                        ],
                        verbose_name="rise in dissociation (DES-II points)",
                    ),
                ),
                (
                    "processing_high_suds",
                    models.PositiveSmallIntegerField(
                        default=5,
                        help_text="A processing session that ends at or above this distress is shown as distress still high; so is a check-in after it with mood at or below the client's baseline less the check-in rise above.",
                        validators=[
                            django.core.validators.MinValueValidator(1, message="Use at least 1."),
                            django.core.validators.MaxValueValidator(10, message="Use at most 10."),
                        ],
                        verbose_name="end-of-session distress still high (SUDS)",
                    ),
                ),
                (
                    "processing_stall_sessions",
                    models.PositiveSmallIntegerField(
                        default=3,
                        help_text="End-of-session distress (SUDS) that does not fall across this many processing sessions on the same target is shown as stalled.",
                        validators=[
                            django.core.validators.MinValueValidator(
                                2, message="Use at least 2 sessions."
                            ),
                            django.core.validators.MaxValueValidator(
                                10, message="Use at most 10 sessions."
                            ),
                        ],
                        verbose_name="processing sessions without falling distress",
                    ),
                ),
            ],
            options={
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="ProgramEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("name", models.CharField(max_length=120)),
                (
                    "time_zone",
                    models.CharField(
                        default="America/New_York",
                        max_length=64,
                        validators=[iop.accounts.models.validate_time_zone],
                    ),
                ),
                (
                    "asam_edition",
                    models.CharField(
                        choices=[
                            ("3", "ASAM Criteria, 3rd edition"),
                            ("4", "ASAM Criteria, 4th edition (2023)"),
                        ],
                        default="3",
                        max_length=1,
                    ),
                ),
                (
                    "first_plan_due_days",
                    models.PositiveSmallIntegerField(
                        default=7,
                        help_text="Days after admission by which the first treatment plan is due.",
                    ),
                ),
                (
                    "plan_review_days",
                    models.PositiveSmallIntegerField(
                        default=30, help_text="Days between treatment plan reviews."
                    ),
                ),
                (
                    "iop_min_weekly_hours",
                    models.DecimalField(
                        decimal_places=1,
                        default=9,
                        help_text="Minimum weekly hours for IOP (adults).",
                        max_digits=4,
                    ),
                ),
                (
                    "plan_requires_cosign",
                    models.BooleanField(
                        default=True,
                        help_text="Treatment plans need a director's or supervisor's co-signature.",
                    ),
                ),
                (
                    "note_late_hours",
                    models.PositiveSmallIntegerField(
                        default=24,
                        help_text="Hours after a session before an unsigned note is flagged late.",
                    ),
                ),
                (
                    "idle_timeout_minutes",
                    models.PositiveSmallIntegerField(
                        default=15,
                        help_text="Minutes of inactivity before staff are signed out (5 to 60).",
                        validators=[
                            django.core.validators.MinValueValidator(
                                5,
                                message="Sign staff out after at least 5 minutes, or they lose work mid-note.",
                            ),
                            django.core.validators.MaxValueValidator(
                                60,
                                message="Sign staff out after at most 60 minutes, so an unattended screen does not stay open on a client's record.",
                            ),
                        ],
                    ),
                ),
                (
                    "note_format",
                    models.CharField(
                        choices=[("dap", "DAP"), ("birp", "BIRP"), ("soap", "SOAP")],
                        default="dap",
                        help_text="Format of individual, family and medication-management notes.",
                        max_length=8,
                    ),
                ),
                (
                    "sessions_weeks_ahead",
                    models.PositiveSmallIntegerField(
                        default=6, help_text="Weeks of track sessions kept generated ahead."
                    ),
                ),
                (
                    "reminder_hours_before",
                    models.PositiveSmallIntegerField(
                        default=24, help_text="Hours before a session that clients are reminded."
                    ),
                ),
                (
                    "quiet_hours_start",
                    models.TimeField(
                        default=datetime.time(21, 0),
                        help_text="No reminders to clients from this time…",
                    ),
                ),
                (
                    "quiet_hours_end",
                    models.TimeField(
                        default=datetime.time(8, 0),
                        help_text="…until this time (program time zone).",
                    ),
                ),
                (
                    "alert_overdue_at",
                    models.TimeField(
                        default=datetime.time(17, 0),
                        help_text="An open safety alert is shown to directors as overdue from this time of the day it was raised (program time zone).",
                        verbose_name="safety alerts overdue at",
                    ),
                ),
                ("active", models.BooleanField(default=True)),
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
                        to="accounts.program",
                    ),
                ),
                (
                    "crisis_line_name",
                    models.CharField(
                        blank=True,
                        help_text="E.g. 'Riverside IOP after-hours line'. Leave empty if the program has none.",
                        max_length=120,
                        verbose_name="program crisis line name",
                    ),
                ),
                (
                    "crisis_line_phone",
                    models.CharField(
                        blank=True,
                        help_text="E.g. (555) 010-2000.",
                        max_length=40,
                        verbose_name="program crisis line number",
                    ),
                ),
                (
                    "psychiatric_review_days",
                    models.PositiveSmallIntegerField(
                        default=14,
                        help_text="Days between psychiatric medication reviews for IOP clients on psychiatric medication",
                        validators=[
                            django.core.validators.MinValueValidator(
                                1, message="Use at least 1 day between reviews."
                            ),
                            django.core.validators.MaxValueValidator(
                                90, message="Use at most 90 days between reviews."
                            ),
                        ],
                    ),
                ),
                (
                    "compliance_attendance_percent",
                    models.PositiveSmallIntegerField(
                        default=90,
                        help_text="Attendance (of sessions not excused) at or above this is compliant.",
                        validators=[
                            django.core.validators.MinValueValidator(
                                50, message="Use at least 50%."
                            ),
                            django.core.validators.MaxValueValidator(
                                100, message="Use at most 100%."
                            ),
                        ],
                    ),
                ),
                (
                    "compliant_unexcused_absences",
                    models.PositiveSmallIntegerField(
                        default=1,
                        help_text="Unexcused absences a report period may have and still be compliant.",
                    ),
                ),
                (
                    "letterhead_address",
                    models.TextField(
                        blank=True,
                        help_text="The program's address, printed on the letterhead of reports.",
                    ),
                ),
                (
                    "letterhead_phone",
                    models.CharField(
                        blank=True,
                        help_text="The program's phone, printed on the letterhead.",
                        max_length=40,
                    ),
                ),
                (
                    "noncompliant_failed_screens",
                    models.PositiveSmallIntegerField(
                        default=2,
                        help_text="Unexplained positive, refused, no-show or tampered drug screens in a period that make it non-compliant (one fewer makes it partially compliant).",
                        validators=[
                            django.core.validators.MinValueValidator(1, message="Use at least 1.")
                        ],
                    ),
                ),
                (
                    "partial_attendance_percent",
                    models.PositiveSmallIntegerField(
                        default=75,
                        help_text="Attendance below this is non-compliant; between the two, partially compliant.",
                        validators=[
                            django.core.validators.MinValueValidator(1, message="Use at least 1%."),
                            django.core.validators.MaxValueValidator(
                                100, message="Use at most 100%."
                            ),
                        ],
                    ),
                ),
                (
                    "reliable_change_gad7",
                    models.PositiveSmallIntegerField(
                        default=4,
                        help_text="A change in the GAD-7 total of at least this many points is reliable. Default 4, unconfirmed.",
                        validators=[
                            django.core.validators.MinValueValidator(
                                1, message="Use at least 1 point."
                            ),
                            django.core.validators.MaxValueValidator(
                                21, message="Use at most 21 points."
                            ),
                        ],
                        verbose_name="GAD-7 reliable change (points)",
                    ),
                ),
                (
                    "reliable_change_pcl5",
                    models.PositiveSmallIntegerField(
                        default=5,
                        help_text="A change in the PCL-5 total of at least this many points is reliable (5 per the VA National Center for PTSD; 10 is clinically meaningful).",
                        validators=[
                            django.core.validators.MinValueValidator(
                                1, message="Use at least 1 point."
                            ),
                            django.core.validators.MaxValueValidator(
                                80, message="Use at most 80 points."
                            ),
                        ],
                        verbose_name="PCL-5 reliable change (points)",
                    ),
                ),
                (
                    "reliable_change_phq9",
                    models.PositiveSmallIntegerField(
                        default=5,
                        help_text="A change in the PHQ-9 total of at least this many points is reliable. Default 5, unconfirmed.",
                        validators=[
                            django.core.validators.MinValueValidator(
                                1, message="Use at least 1 point."
                            ),
                            django.core.validators.MaxValueValidator(
                                27, message="Use at most 27 points."
                            ),
                        ],
                        verbose_name="PHQ-9 reliable change (points)",
                    ),
                ),
                (
                    "step_down_weeks_at_level",
                    models.PositiveSmallIntegerField(
                        default=4,
                        help_text="A client is flagged as a step-down candidate only after this many weeks at the current level of care.",
                        validators=[
                            django.core.validators.MinValueValidator(
                                1, message="Use at least 1 week."
                            ),
                            django.core.validators.MaxValueValidator(
                                52, message="Use at most 52 weeks."
                            ),
                        ],
                        verbose_name="weeks at a level before a step-down is suggested",
                    ),
                ),
                (
                    "checkin_rise_points",
                    models.PositiveSmallIntegerField(
                        default=3,
                        help_text="A craving this many points above the client's own baseline, or a mood this many points below it, is shown on Today for the primary clinician.",
                        validators=[
                            django.core.validators.MinValueValidator(
                                1, message="Use at least 1 point."
                            ),
                            django.core.validators.MaxValueValidator(
                                10, message="Use at most 10 points."
                            ),
                        ],
                        verbose_name="check-in rise shown on Today (points)",
                    ),
                ),
                (
                    "high_risk_reminder_days",
                    models.PositiveSmallIntegerField(
                        default=7,
                        help_text="The primary clinician is reminded this many days before each high-risk date on a client's relapse prevention plan.",
                        validators=[
                            django.core.validators.MinValueValidator(
                                1, message="Use at least 1 day."
                            ),
                            django.core.validators.MaxValueValidator(
                                60, message="Use at most 60 days."
                            ),
                        ],
                        verbose_name="days before a high-risk date to remind",
                    ),
                ),
                (
                    "lapse_step_up_count",
                    models.PositiveSmallIntegerField(
                        default=2,
                        help_text="This many lapses within the days below flag the client as a step-up candidate. A lapse while a safety alert is open always does.",
                        validators=[
                            django.core.validators.MinValueValidator(
                                1, message="Use at least 1 lapse."
                            ),
                            django.core.validators.MaxValueValidator(
                                10, message="Use at most 10 lapses."
                            ),
                        ],
                        verbose_name="lapses that suggest a step up",
                    ),
                ),
                (
                    "lapse_step_up_days",
                    models.PositiveSmallIntegerField(
                        default=14,
                        help_text="The window, in days, for the lapse count above.",
                        validators=[
                            django.core.validators.MinValueValidator(
                                1, message="Use at least 1 day."
                            ),
                            django.core.validators.MaxValueValidator(
                                90, message="Use at most 90 days."
                            ),
                        ],
                        verbose_name="within days",
                    ),
                ),
                (
                    "processing_dissociation_rise",
                    models.PositiveSmallIntegerField(
                        default=10,
                        help_text="A DES-II score this many points above the one before, or at 30 or more, is shown as rising dissociation.",
                        validators=[
                            django.core.validators.MinValueValidator(
                                1, message="Use at least 1 point."
                            ),
                            django.core.validators.MaxValueValidator(
                                100, message="Use at most 100 points."
                            ),
                        ],
                        verbose_name="rise in dissociation (DES-II points)",
                    ),
                ),
                (
                    "processing_high_suds",
                    models.PositiveSmallIntegerField(
                        default=5,
                        help_text="A processing session that ends at or above this distress is shown as distress still high; so is a check-in after it with mood at or below the client's baseline less the check-in rise above.",
                        validators=[
                            django.core.validators.MinValueValidator(1, message="Use at least 1."),
                            django.core.validators.MaxValueValidator(10, message="Use at most 10."),
                        ],
                        verbose_name="end-of-session distress still high (SUDS)",
                    ),
                ),
                (
                    "processing_stall_sessions",
                    models.PositiveSmallIntegerField(
                        default=3,
                        help_text="End-of-session distress (SUDS) that does not fall across this many processing sessions on the same target is shown as stalled.",
                        validators=[
                            django.core.validators.MinValueValidator(
                                2, message="Use at least 2 sessions."
                            ),
                            django.core.validators.MaxValueValidator(
                                10, message="Use at most 10 sessions."
                            ),
                        ],
                        verbose_name="processing sessions without falling distress",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="StaffInvitation",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("token_hash", models.CharField(blank=True, db_index=True, max_length=64)),
                ("expires_at", models.DateTimeField()),
                ("used_at", models.DateTimeField(blank=True, null=True)),
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
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="invitations",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="UserEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                (
                    "is_superuser",
                    models.BooleanField(
                        default=False,
                        help_text="Designates that this user has all permissions without explicitly assigning them.",
                        verbose_name="superuser status",
                    ),
                ),
                (
                    "first_name",
                    models.CharField(blank=True, max_length=150, verbose_name="first name"),
                ),
                (
                    "last_name",
                    models.CharField(blank=True, max_length=150, verbose_name="last name"),
                ),
                (
                    "is_staff",
                    models.BooleanField(
                        default=False,
                        help_text="Designates whether the user can log into this admin site.",
                        verbose_name="staff status",
                    ),
                ),
                (
                    "is_active",
                    models.BooleanField(
                        default=True,
                        help_text="Designates whether this user should be treated as active. Unselect this instead of deleting accounts.",
                        verbose_name="active",
                    ),
                ),
                (
                    "date_joined",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="date joined"
                    ),
                ),
                ("email", models.EmailField(max_length=254, verbose_name="email address")),
                (
                    "credentials",
                    models.CharField(
                        blank=True,
                        help_text="Shown after the name on signed notes, e.g. LCSW.",
                        max_length=40,
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
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="Membership",
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
                    "role",
                    models.CharField(
                        choices=[
                            ("intake", "Intake staff"),
                            ("clinician", "Clinician"),
                            ("prescriber", "Prescriber"),
                            ("director", "Program director"),
                            ("probation", "Probation officer"),
                            ("administrator", "Administrator"),
                        ],
                        max_length=20,
                    ),
                ),
                ("active", models.BooleanField(default=True)),
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
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="memberships",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "program",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="memberships",
                        to="accounts.program",
                    ),
                ),
                (
                    "notes_need_cosign",
                    models.BooleanField(
                        default=False,
                        help_text="For trainees: each signed note waits for the supervisor's co-signature.",
                        verbose_name="notes need a co-signature",
                    ),
                ),
                (
                    "supervisor",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="supervisees",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "on_call_for_safety_alerts",
                    models.BooleanField(
                        default=False,
                        help_text="Also told of every new safety alert in the program, and sees them on Today.",
                        verbose_name="on call for safety alerts",
                    ),
                ),
                ("awaiting_approval", models.BooleanField(default=False)),
                ("decided_at", models.DateTimeField(blank=True, null=True)),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("user", "program", "role"), name="membership_unique_role"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="MembershipEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("intake", "Intake staff"),
                            ("clinician", "Clinician"),
                            ("prescriber", "Prescriber"),
                            ("director", "Program director"),
                            ("probation", "Probation officer"),
                            ("administrator", "Administrator"),
                        ],
                        max_length=20,
                    ),
                ),
                ("active", models.BooleanField(default=True)),
                (
                    "notes_need_cosign",
                    models.BooleanField(
                        default=False,
                        help_text="For trainees: each signed note waits for the supervisor's co-signature.",
                        verbose_name="notes need a co-signature",
                    ),
                ),
                (
                    "on_call_for_safety_alerts",
                    models.BooleanField(
                        default=False,
                        help_text="Also told of every new safety alert in the program, and sees them on Today.",
                        verbose_name="on call for safety alerts",
                    ),
                ),
                ("awaiting_approval", models.BooleanField(default=False)),
                ("decided_at", models.DateTimeField(blank=True, null=True)),
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
                    "decided_by",
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
                        to="accounts.membership",
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
                    "supervisor",
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
                    "user",
                    models.ForeignKey(
                        db_constraint=False,
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
        pgtrigger.migrations.AddTrigger(
            model_name="user",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "accounts_userevent" ("credentials", "date_joined", "email", "first_name", "id", "is_active", "is_staff", "is_superuser", "last_name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id") VALUES (NEW."credentials", NEW."date_joined", NEW."email", NEW."first_name", NEW."id", NEW."is_active", NEW."is_staff", NEW."is_superuser", NEW."last_name", _pgh_attach_context(), NOW(), \'insert\', NEW."id"); RETURN NULL;',
                    hash="2bfdf7e6fc4a0a7e93f148e7f1b753de09f92439",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_3867c",
                    table="accounts_user",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="user",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition='WHEN (OLD."credentials" IS DISTINCT FROM (NEW."credentials") OR OLD."date_joined" IS DISTINCT FROM (NEW."date_joined") OR OLD."email" IS DISTINCT FROM (NEW."email") OR OLD."first_name" IS DISTINCT FROM (NEW."first_name") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."is_active" IS DISTINCT FROM (NEW."is_active") OR OLD."is_staff" IS DISTINCT FROM (NEW."is_staff") OR OLD."is_superuser" IS DISTINCT FROM (NEW."is_superuser") OR OLD."last_name" IS DISTINCT FROM (NEW."last_name"))',
                    func='INSERT INTO "accounts_userevent" ("credentials", "date_joined", "email", "first_name", "id", "is_active", "is_staff", "is_superuser", "last_name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id") VALUES (NEW."credentials", NEW."date_joined", NEW."email", NEW."first_name", NEW."id", NEW."is_active", NEW."is_staff", NEW."is_superuser", NEW."last_name", _pgh_attach_context(), NOW(), \'update\', NEW."id"); RETURN NULL;',
                    hash="024aa5aec86502c0e4483e1e9d3a1e6152312a59",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_0e890",
                    table="accounts_user",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="program",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "accounts_programevent" ("active", "alert_overdue_at", "asam_edition", "checkin_rise_points", "compliance_attendance_percent", "compliant_unexcused_absences", "created_at", "created_by_id", "crisis_line_name", "crisis_line_phone", "first_plan_due_days", "high_risk_reminder_days", "id", "idle_timeout_minutes", "iop_min_weekly_hours", "lapse_step_up_count", "lapse_step_up_days", "letterhead_address", "letterhead_phone", "name", "noncompliant_failed_screens", "note_format", "note_late_hours", "partial_attendance_percent", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "plan_requires_cosign", "plan_review_days", "processing_dissociation_rise", "processing_high_suds", "processing_stall_sessions", "psychiatric_review_days", "quiet_hours_end", "quiet_hours_start", "reliable_change_gad7", "reliable_change_pcl5", "reliable_change_phq9", "reminder_hours_before", "sessions_weeks_ahead", "step_down_weeks_at_level", "time_zone", "updated_at") VALUES (NEW."active", NEW."alert_overdue_at", NEW."asam_edition", NEW."checkin_rise_points", NEW."compliance_attendance_percent", NEW."compliant_unexcused_absences", NEW."created_at", NEW."created_by_id", NEW."crisis_line_name", NEW."crisis_line_phone", NEW."first_plan_due_days", NEW."high_risk_reminder_days", NEW."id", NEW."idle_timeout_minutes", NEW."iop_min_weekly_hours", NEW."lapse_step_up_count", NEW."lapse_step_up_days", NEW."letterhead_address", NEW."letterhead_phone", NEW."name", NEW."noncompliant_failed_screens", NEW."note_format", NEW."note_late_hours", NEW."partial_attendance_percent", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."plan_requires_cosign", NEW."plan_review_days", NEW."processing_dissociation_rise", NEW."processing_high_suds", NEW."processing_stall_sessions", NEW."psychiatric_review_days", NEW."quiet_hours_end", NEW."quiet_hours_start", NEW."reliable_change_gad7", NEW."reliable_change_pcl5", NEW."reliable_change_phq9", NEW."reminder_hours_before", NEW."sessions_weeks_ahead", NEW."step_down_weeks_at_level", NEW."time_zone", NEW."updated_at"); RETURN NULL;',
                    hash="44d84da266e7212c868baa3c2f23d65618edeb39",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_566eb",
                    table="accounts_program",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="program",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "accounts_programevent" ("active", "alert_overdue_at", "asam_edition", "checkin_rise_points", "compliance_attendance_percent", "compliant_unexcused_absences", "created_at", "created_by_id", "crisis_line_name", "crisis_line_phone", "first_plan_due_days", "high_risk_reminder_days", "id", "idle_timeout_minutes", "iop_min_weekly_hours", "lapse_step_up_count", "lapse_step_up_days", "letterhead_address", "letterhead_phone", "name", "noncompliant_failed_screens", "note_format", "note_late_hours", "partial_attendance_percent", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "plan_requires_cosign", "plan_review_days", "processing_dissociation_rise", "processing_high_suds", "processing_stall_sessions", "psychiatric_review_days", "quiet_hours_end", "quiet_hours_start", "reliable_change_gad7", "reliable_change_pcl5", "reliable_change_phq9", "reminder_hours_before", "sessions_weeks_ahead", "step_down_weeks_at_level", "time_zone", "updated_at") VALUES (NEW."active", NEW."alert_overdue_at", NEW."asam_edition", NEW."checkin_rise_points", NEW."compliance_attendance_percent", NEW."compliant_unexcused_absences", NEW."created_at", NEW."created_by_id", NEW."crisis_line_name", NEW."crisis_line_phone", NEW."first_plan_due_days", NEW."high_risk_reminder_days", NEW."id", NEW."idle_timeout_minutes", NEW."iop_min_weekly_hours", NEW."lapse_step_up_count", NEW."lapse_step_up_days", NEW."letterhead_address", NEW."letterhead_phone", NEW."name", NEW."noncompliant_failed_screens", NEW."note_format", NEW."note_late_hours", NEW."partial_attendance_percent", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."plan_requires_cosign", NEW."plan_review_days", NEW."processing_dissociation_rise", NEW."processing_high_suds", NEW."processing_stall_sessions", NEW."psychiatric_review_days", NEW."quiet_hours_end", NEW."quiet_hours_start", NEW."reliable_change_gad7", NEW."reliable_change_pcl5", NEW."reliable_change_phq9", NEW."reminder_hours_before", NEW."sessions_weeks_ahead", NEW."step_down_weeks_at_level", NEW."time_zone", NEW."updated_at"); RETURN NULL;',
                    hash="0f3ccc8046d98b6c9c23c49812c0a38fae4edd51",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_1773d",
                    table="accounts_program",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="membershipevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="9e4cdb1d00848bc25e80dd498e6652576a83a2eb",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_9ee6c",
                    table="accounts_membershipevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="membershipevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="49fd16aa47dacee9eab6b35197448c99c68dfa82",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_35f49",
                    table="accounts_membershipevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="membership",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "accounts_membershipevent" ("active", "awaiting_approval", "created_at", "created_by_id", "decided_at", "decided_by_id", "id", "notes_need_cosign", "on_call_for_safety_alerts", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "program_id", "role", "supervisor_id", "updated_at", "user_id") VALUES (NEW."active", NEW."awaiting_approval", NEW."created_at", NEW."created_by_id", NEW."decided_at", NEW."decided_by_id", NEW."id", NEW."notes_need_cosign", NEW."on_call_for_safety_alerts", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."program_id", NEW."role", NEW."supervisor_id", NEW."updated_at", NEW."user_id"); RETURN NULL;',
                    hash="b727bd99a3322d10be15461d5c2fe253982cff1c",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_fc05a",
                    table="accounts_membership",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="membership",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "accounts_membershipevent" ("active", "awaiting_approval", "created_at", "created_by_id", "decided_at", "decided_by_id", "id", "notes_need_cosign", "on_call_for_safety_alerts", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "program_id", "role", "supervisor_id", "updated_at", "user_id") VALUES (NEW."active", NEW."awaiting_approval", NEW."created_at", NEW."created_by_id", NEW."decided_at", NEW."decided_by_id", NEW."id", NEW."notes_need_cosign", NEW."on_call_for_safety_alerts", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."program_id", NEW."role", NEW."supervisor_id", NEW."updated_at", NEW."user_id"); RETURN NULL;',
                    hash="8fa9c7ab55e5fc84ce5d3a6e3f5ce917524fae82",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_20ab5",
                    table="accounts_membership",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="programevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="859d772bf0fd2d3337e28c4032559f6dcda58c88",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_62783",
                    table="accounts_programevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="programevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="04ffbaadb0f361ae1e095c9623ea9a5e94ec387a",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_c4cb5",
                    table="accounts_programevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="userevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="a605795d0c7e70be5196fa97a3c6581a3cbbc90e",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_45b21",
                    table="accounts_userevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="userevent",
            trigger=pgtrigger.compiler.Trigger(
                name="never_truncated",
                sql=iop.locks.LockSql(
                    func="RAISE EXCEPTION '%: rows here are append-only; they are never changed or deleted', TG_TABLE_NAME; RETURN NULL;",
                    hash="a7f8404dcd8aaec66c81cd57ecfee1b9de1433f8",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_never_truncated_d3c63",
                    table="accounts_userevent",
                    when="BEFORE",
                ),
            ),
        ),
    ]
