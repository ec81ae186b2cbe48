"""Staff accounts, programs and the role each user holds in a program."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from iop import locks
from iop.base import TimeStampedModel


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


# Who held which account and role when: the password hash and each sign-in's timestamp are
# left out (a secret, and noise).
@locks.track(exclude=["password", "last_login"])
class User(AbstractUser):
    """A person who signs in; email is the login."""

    username = None  # type: ignore[assignment,misc]
    email = models.EmailField("email address", unique=True)
    credentials = models.CharField(
        max_length=40, blank=True, help_text="Shown after the name on signed notes, e.g. LCSW."
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []
    objects = UserManager()  # type: ignore[misc,assignment]

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        name = self.get_full_name() or self.email
        return f"{name}, {self.credentials}" if self.credentials else name


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"{value} is not a known time zone (e.g. America/New_York).")


class AsamEdition(models.TextChoices):
    THIRD = "3", "ASAM Criteria, 3rd edition"
    FOURTH = "4", "ASAM Criteria, 4th edition (2023)"


IDLE_TIMEOUT_RANGE = (5, 60)


# Measure code -> (the Program field holding its reliable-change threshold, confirmed?).
# Lower totals are better on all three.
RELIABLE_CHANGE: dict[str, tuple[str, bool]] = {
    "phq9": ("reliable_change_phq9", False),
    "gad7": ("reliable_change_gad7", False),
    "pcl5": ("reliable_change_pcl5", True),
}


@locks.track()
class Program(TimeStampedModel):
    """A clinic program; its settings carry the documentation cadences (CLINICAL.md defaults)."""

    name = models.CharField(max_length=120, unique=True)
    time_zone = models.CharField(
        max_length=64, default="America/New_York", validators=[validate_time_zone]
    )
    asam_edition = models.CharField(
        max_length=1, choices=AsamEdition.choices, default=AsamEdition.THIRD
    )
    first_plan_due_days = models.PositiveSmallIntegerField(
        default=7, help_text="Days after admission by which the first treatment plan is due."
    )
    plan_review_days = models.PositiveSmallIntegerField(
        default=30, help_text="Days between treatment plan reviews."
    )
    iop_min_weekly_hours = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        default=9,
        help_text="Minimum weekly hours for IOP (adults).",
    )
    plan_requires_cosign = models.BooleanField(
        default=True, help_text="Treatment plans need a director's or supervisor's co-signature."
    )
    psychiatric_review_days = models.PositiveSmallIntegerField(
        default=14,
        validators=[
            MinValueValidator(1, message="Use at least 1 day between reviews."),
            MaxValueValidator(90, message="Use at most 90 days between reviews."),
        ],
        help_text="Days between psychiatric medication reviews for IOP clients on "
        "psychiatric medication",
    )
    # Court and probation compliance (the reports' compliance status reads these; the rule
    # that set a status is printed with it).
    compliance_attendance_percent = models.PositiveSmallIntegerField(
        default=90,
        validators=[
            MinValueValidator(50, message="Use at least 50%."),
            MaxValueValidator(100, message="Use at most 100%."),
        ],
        help_text="Attendance (of sessions not excused) at or above this is compliant.",
    )
    partial_attendance_percent = models.PositiveSmallIntegerField(
        default=75,
        validators=[
            MinValueValidator(1, message="Use at least 1%."),
            MaxValueValidator(100, message="Use at most 100%."),
        ],
        help_text="Attendance below this is non-compliant; between the two, partially compliant.",
    )
    compliant_unexcused_absences = models.PositiveSmallIntegerField(
        default=1,
        help_text="Unexcused absences a report period may have and still be compliant.",
    )
    noncompliant_failed_screens = models.PositiveSmallIntegerField(
        default=2,
        validators=[MinValueValidator(1, message="Use at least 1.")],
        help_text="Unexplained positive, refused, no-show or tampered drug screens in a "
        "period that make it non-compliant (one fewer makes it partially compliant).",
    )
    # Reliable change on the measures: the smallest change in a total score that is more than
    # measurement error (Jacobson & Truax 1991, J Consult Clin Psychol 59:12-19). PCL-5: 5
    # points (VA National Center for PTSD; CLINICAL.md). PHQ-9: 5 points (Löwe et al. 2004,
    # Med Care 42:1194-1201) and GAD-7: 4 points (Toussaint et al. 2020, J Affect Disord
    # 265:395-401) are the commonly cited figures but not confirmed for this clinic: the
    # screens that show them say so (RELIABLE_CHANGE below).
    reliable_change_phq9 = models.PositiveSmallIntegerField(
        "PHQ-9 reliable change (points)",
        default=5,
        validators=[
            MinValueValidator(1, message="Use at least 1 point."),
            MaxValueValidator(27, message="Use at most 27 points."),
        ],
        help_text="A change in the PHQ-9 total of at least this many points is reliable. "
        "Default 5, unconfirmed.",
    )
    reliable_change_gad7 = models.PositiveSmallIntegerField(
        "GAD-7 reliable change (points)",
        default=4,
        validators=[
            MinValueValidator(1, message="Use at least 1 point."),
            MaxValueValidator(21, message="Use at most 21 points."),
        ],
        help_text="A change in the GAD-7 total of at least this many points is reliable. "
        "Default 4, unconfirmed.",
    )
    reliable_change_pcl5 = models.PositiveSmallIntegerField(
        "PCL-5 reliable change (points)",
        default=5,
        validators=[
            MinValueValidator(1, message="Use at least 1 point."),
            MaxValueValidator(80, message="Use at most 80 points."),
        ],
        help_text="A change in the PCL-5 total of at least this many points is reliable "
        "(5 per the VA National Center for PTSD; 10 is clinically meaningful).",
    )
    # Step-down candidates (scheduling.services.candidates): a judgment, so a setting.
    step_down_weeks_at_level = models.PositiveSmallIntegerField(
        "weeks at a level before a step-down is suggested",
        default=4,
        validators=[
            MinValueValidator(1, message="Use at least 1 week."),
            MaxValueValidator(52, message="Use at most 52 weeks."),
        ],
        help_text="A client is flagged as a step-down candidate only after this many weeks "
        "at the current level of care.",
    )
    # Relapse prevention and paced trauma work (relapse_prevention): judgments, so settings,
    # each shown with the rule that reads it.
    checkin_rise_points = models.PositiveSmallIntegerField(
        "check-in rise shown on Today (points)",
        default=3,
        validators=[
            MinValueValidator(1, message="Use at least 1 point."),
            MaxValueValidator(10, message="Use at most 10 points."),
        ],
        help_text="A craving this many points above the client's own baseline, or a mood this "
        "many points below it, is shown on Today for the primary clinician.",
    )
    high_risk_reminder_days = models.PositiveSmallIntegerField(
        "days before a high-risk date to remind",
        default=7,
        validators=[
            MinValueValidator(1, message="Use at least 1 day."),
            MaxValueValidator(60, message="Use at most 60 days."),
        ],
        help_text="The primary clinician is reminded this many days before each high-risk "
        "date on a client's relapse prevention plan.",
    )
    lapse_step_up_count = models.PositiveSmallIntegerField(
        "lapses that suggest a step up",
        default=2,
        validators=[
            MinValueValidator(1, message="Use at least 1 lapse."),
            MaxValueValidator(10, message="Use at most 10 lapses."),
        ],
        help_text="This many lapses within the days below flag the client as a step-up "
        "candidate. A lapse while a safety alert is open always does.",
    )
    lapse_step_up_days = models.PositiveSmallIntegerField(
        "within days",
        default=14,
        validators=[
            MinValueValidator(1, message="Use at least 1 day."),
            MaxValueValidator(90, message="Use at most 90 days."),
        ],
        help_text="The window, in days, for the lapse count above.",
    )
    # Signs of looping or flooding (CLINICAL.md, trauma processing measures).
    processing_stall_sessions = models.PositiveSmallIntegerField(
        "processing sessions without falling distress",
        default=3,
        validators=[
            MinValueValidator(2, message="Use at least 2 sessions."),
            MaxValueValidator(10, message="Use at most 10 sessions."),
        ],
        help_text="End-of-session distress (SUDS) that does not fall across this many "
        "processing sessions on the same target is shown as stalled.",
    )
    processing_high_suds = models.PositiveSmallIntegerField(
        "end-of-session distress still high (SUDS)",
        default=5,
        validators=[
            MinValueValidator(1, message="Use at least 1."),
            MaxValueValidator(10, message="Use at most 10."),
        ],
        help_text="A processing session that ends at or above this distress is shown as "
        "distress still high; so is a check-in after it with mood at or below the client's "
        "baseline less the check-in rise above.",
    )
    processing_dissociation_rise = models.PositiveSmallIntegerField(
        "rise in dissociation (DES-II points)",
        default=10,
        validators=[
            MinValueValidator(1, message="Use at least 1 point."),
            MaxValueValidator(100, message="Use at most 100 points."),
        ],
        help_text="A DES-II score this many points above the one before, or at 30 or more, "
        "is shown as rising dissociation.",
    )
    letterhead_address = models.TextField(
        blank=True, help_text="The program's address, printed on the letterhead of reports."
    )
    letterhead_phone = models.CharField(
        max_length=40, blank=True, help_text="The program's phone, printed on the letterhead."
    )
    note_late_hours = models.PositiveSmallIntegerField(
        default=24, help_text="Hours after a session before an unsigned note is flagged late."
    )
    # Under 5 minutes staff are signed out mid-note; over an hour an unattended screen
    # stays open on a client's record.
    idle_timeout_minutes = models.PositiveSmallIntegerField(
        default=15,
        validators=[
            MinValueValidator(
                IDLE_TIMEOUT_RANGE[0],
                message="Sign staff out after at least 5 minutes, or they lose work mid-note.",
            ),
            MaxValueValidator(
                IDLE_TIMEOUT_RANGE[1],
                message="Sign staff out after at most 60 minutes, so an unattended screen "
                "does not stay open on a client's record.",
            ),
        ],
        help_text="Minutes of inactivity before staff are signed out (5 to 60).",
    )
    note_format = models.CharField(
        max_length=8,
        choices=[("dap", "DAP"), ("birp", "BIRP"), ("soap", "SOAP")],
        default="dap",
        help_text="Format of individual, family and medication-management notes.",
    )
    sessions_weeks_ahead = models.PositiveSmallIntegerField(
        default=6, help_text="Weeks of track sessions kept generated ahead."
    )
    reminder_hours_before = models.PositiveSmallIntegerField(
        default=24, help_text="Hours before a session that clients are reminded."
    )
    quiet_hours_start = models.TimeField(
        default=datetime.time(21, 0), help_text="No reminders to clients from this time…"
    )
    quiet_hours_end = models.TimeField(
        default=datetime.time(8, 0), help_text="…until this time (program time zone)."
    )
    # Same-day risk assessments (PHQ-9 item 9, C-SSRS) are due by this local time on the
    # day the alert was raised; 17:00 is the end of a daytime program's day. An alert
    # raised later (an evening group) is due by the end of that calendar day.
    alert_overdue_at = models.TimeField(
        "safety alerts overdue at",
        default=datetime.time(17, 0),
        help_text="An open safety alert is shown to directors as overdue from this time "
        "of the day it was raised (program time zone).",
    )
    # Printed on every safety plan beside 988 and 911; empty means only those two are shown.
    crisis_line_name = models.CharField(
        "program crisis line name",
        max_length=120,
        blank=True,
        help_text="E.g. 'Riverside IOP after-hours line'. Leave empty if the program has none.",
    )
    crisis_line_phone = models.CharField(
        "program crisis line number", max_length=40, blank=True, help_text="E.g. (555) 010-2000."
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    # The program clock: every "today" and local time in requests, services and Celery tasks
    # comes from here, never from the server's zone or the zone a request activated (the
    # user's first program), which differ from this program's for staff of several programs.
    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The program's time zone (ZoneInfo caches instances per key, so this is cheap)."""
        return zoneinfo.ZoneInfo(self.time_zone)

    def clean(self) -> None:
        super().clean()
        if (
            self.partial_attendance_percent is not None
            and self.compliance_attendance_percent is not None
            and self.partial_attendance_percent > self.compliance_attendance_percent
        ):
            raise ValidationError(
                {
                    "partial_attendance_percent": "The partial-compliance attendance cannot be "
                    "above the attendance that is compliant."
                }
            )

    def reliable_change(self, instrument_code: str) -> tuple[int, bool] | None:
        """The program's reliable-change threshold for a measure, in points, and whether the
        figure is confirmed (False: a default the screens mark unconfirmed); None if unset."""
        found = RELIABLE_CHANGE.get(instrument_code)
        if found is None:
            return None
        field, confirmed = found
        return int(getattr(self, field)), confirmed

    def now(self) -> datetime.datetime:
        """The current moment as an aware date-time in the program's zone."""
        return timezone.localtime(timezone.now(), self.zone)

    def today(self) -> datetime.date:
        """Today's date where the program is: the limit for dates that cannot be in the future."""
        return self.now().date()

    def local(self, moment: datetime.datetime) -> datetime.datetime:
        """An aware moment (stored in UTC) shown in the program's zone."""
        return timezone.localtime(moment, self.zone)

    def local_date(self, moment: datetime.datetime) -> datetime.date:
        """The program's calendar date of an aware moment."""
        return self.local(moment).date()

    def at(self, day: datetime.date, time: datetime.time) -> datetime.datetime:
        """The aware moment of a wall-clock time on a local day in the program's zone.

        A time skipped by a spring-forward change resolves as zoneinfo does (fold 0: the
        offset before the change); a repeated fall-back hour means its first occurrence.
        """
        return datetime.datetime.combine(day, time, tzinfo=self.zone)


class Role(models.TextChoices):
    INTAKE = "intake", "Intake staff"
    CLINICIAN = "clinician", "Clinician"
    PRESCRIBER = "prescriber", "Prescriber"
    DIRECTOR = "director", "Program director"
    PROBATION = "probation", "Probation officer"
    ADMINISTRATOR = "administrator", "Administrator"


# Roles that open client records (or disclosed reports, for probation officers): only a
# director of the program may grant them; an administrator's grant waits for one.
CLINICAL_ROLES = frozenset(
    {Role.INTAKE, Role.CLINICIAN, Role.PRESCRIBER, Role.DIRECTOR, Role.PROBATION}
)


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        return self.filter(active=True, program__active=True)

    def awaiting_approval(self) -> MembershipQuerySet:
        return self.filter(awaiting_approval=True)


@locks.track()
class Membership(TimeStampedModel):
    """A user's role in one program. A person may hold roles in several programs."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="memberships")
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    active = models.BooleanField(default=True)
    # Trainees (e.g. interns): their session notes need a supervisor's co-signature.
    notes_need_cosign = models.BooleanField(
        "notes need a co-signature",
        default=False,
        help_text="For trainees: each signed note waits for the supervisor's co-signature.",
    )
    supervisor = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="supervisees"
    )
    on_call_for_safety_alerts = models.BooleanField(
        "on call for safety alerts",
        default=False,
        help_text="Also told of every new safety alert in the program, and sees them on Today.",
    )
    # An administrator's grant of a clinical role: inactive until a director approves it.
    awaiting_approval = models.BooleanField(default=False)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "program", "role"], name="membership_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.program}"


class StaffInvitation(TimeStampedModel):
    """A set-password link. Only the token's SHA-256 is kept; the link works once, for
    IOP_INVITATION_HOURS. The raw token exists only in the email as it is sent."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="invitations")
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation for {self.user.email}"

    @staticmethod
    def default_expiry(now: datetime.datetime) -> datetime.datetime:
        return now + datetime.timedelta(hours=settings.IOP_INVITATION_HOURS)
