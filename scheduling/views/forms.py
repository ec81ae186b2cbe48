"""Forms of the schedule pages. Times are typed in the program's time zone; the views turn
them into aware datetimes with ``Program.at`` before calling the services."""

from __future__ import annotations

from typing import Any

from django import forms

from groups.models import Group
from iop.accounts.models import Program, User
from iop.clients.models import Episode
from scheduling.models import (
    ABSENT,
    WEEKDAYS,
    AddedReason,
    Attendance,
    Room,
    SessionAttendee,
    SessionKind,
    Track,
)

DATE = forms.DateInput(attrs={"type": "date"})
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
NEEDS_MINUTES = {Attendance.LATE, Attendance.LEFT_EARLY}


# ---------------------------------------------------------------- attendance


def status_name(attendee: SessionAttendee) -> str:
    return f"status_{attendee.pk}"


def minutes_name(attendee: SessionAttendee) -> str:
    return f"minutes_{attendee.pk}"


class AttendanceForm(forms.Form):
    """Every expected client of one session, in one submission."""

    def __init__(
        self,
        data: Any = None,
        *,
        attendees: list[SessionAttendee],
        length: int,
        initial: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        self.attendees, self.length = attendees, length
        for attendee in attendees:
            name = attendee.client.display_name
            self.fields[status_name(attendee)] = forms.ChoiceField(
                label=f"Attendance of {name}",
                choices=[("", "Choose…"), *Attendance.choices],
                initial=attendee.attendance,
                error_messages={"required": f"Choose whether {name} attended."},
            )
            self.fields[minutes_name(attendee)] = forms.IntegerField(
                label=f"Minutes {name} attended",
                required=False,
                min_value=0,
                initial=attendee.minutes_attended if attendee.attendance else None,
                widget=forms.NumberInput(attrs={"placeholder": str(length), "class": "minutes"}),
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for attendee in self.attendees:
            status = data.get(status_name(attendee))
            minutes = data.get(minutes_name(attendee))
            field = minutes_name(attendee)
            if minutes is not None and minutes > self.length:
                self.add_error(field, f"At most {self.length} minutes: the session's length.")
            elif status in NEEDS_MINUTES and minutes is None:
                self.add_error(field, "How many minutes did they attend?")
            elif status in ABSENT and minutes:
                self.add_error(field, "An absence has no minutes attended: leave it empty.")
        return data

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "attendee": attendee,
                "status": self[status_name(attendee)],
                "minutes": self[minutes_name(attendee)],
            }
            for attendee in self.attendees
        ]

    def marks(self) -> dict[Any, tuple[str, int | None]]:
        return {
            a.pk: (self.cleaned_data[status_name(a)], self.cleaned_data[minutes_name(a)])
            for a in self.attendees
        }


def attendance_filled(
    data: Any, attendees: list[SessionAttendee], fill: str = Attendance.PRESENT
) -> dict[str, Any]:
    """Initial values for "Mark all present" without JavaScript: the marks and minutes as
    submitted, with only the rows left empty filled in (never a mark already chosen)."""
    initial: dict[str, Any] = {}
    for attendee in attendees:
        chosen = data.get(status_name(attendee), "")
        initial[status_name(attendee)] = chosen if chosen in Attendance.values else fill
        initial[minutes_name(attendee)] = data.get(minutes_name(attendee), "") or None
    return initial


class WalkInForm(forms.Form):
    """A client who was not expected, joining a started group session on the day."""

    episode = forms.ModelChoiceField(
        label="Client",
        queryset=Episode.objects.none(),
        empty_label="Choose a client…",
        error_messages={
            "required": "Choose the client who joined.",
            "invalid_choice": "Choose a client in care in this program who is not on the "
            "session yet.",
        },
    )
    reason = forms.ChoiceField(
        label="Joining as",
        choices=AddedReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose walk-in or make-up."},
    )
    note = forms.CharField(
        label="Reason",
        max_length=200,
        help_text="E.g. “Missed Tuesday's group (court date)” or “Came with her sponsor”.",
        error_messages={"required": "Say why they joined this session."},
    )

    def __init__(self, data: Any = None, *, episodes: Any, **kwargs: Any) -> None:
        super().__init__(data, prefix="walk-in", **kwargs)
        self.fields["episode"].queryset = episodes  # type: ignore[attr-defined]
        self.fields["episode"].label_from_instance = lambda e: (  # type: ignore[attr-defined]
            f"{e.client.display_name} ({e.client.record_number})"
        )


# ---------------------------------------------------------------- moving and cancelling


class SessionMoveForm(forms.Form):
    day = forms.DateField(label="Date", widget=DATE)
    starts_at = forms.TimeField(label="Starts at", widget=TIME)
    ends_at = forms.TimeField(label="Ends at", widget=TIME)
    room = forms.ModelChoiceField(
        label="Room", queryset=Room.objects.none(), required=False, empty_label="Keep as it is"
    )

    def __init__(self, data: Any = None, *, program: Program, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["room"].queryset = Room.objects.filter(program=program, active=True)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", "The session must end after it starts.")
        return data


class SessionCancelForm(forms.Form):
    reason = forms.CharField(
        label="Reason for cancelling",
        max_length=200,
        help_text="Shown on the schedule, e.g. “Facilitator ill; clients called”.",
    )


# ---------------------------------------------------------------- booking

BOOKABLE = [(k, label) for k, label in SessionKind.choices if k != SessionKind.GROUP]
DURATIONS = [
    (30, "30 minutes"),
    (45, "45 minutes"),
    (50, "50 minutes"),
    (60, "60 minutes"),
    (90, "90 minutes"),
]


class BookingForm(forms.Form):
    episode = forms.ModelChoiceField(
        label="Client", queryset=Episode.objects.none(), empty_label="Choose a client…"
    )
    kind = forms.ChoiceField(label="Kind of session", choices=BOOKABLE)
    staff = forms.ModelChoiceField(
        label="With (clinician or prescriber)",
        queryset=User.objects.none(),
        empty_label="Choose who sees the client…",
    )
    day = forms.DateField(label="Date", widget=DATE)
    starts_at = forms.TimeField(label="Starts at", widget=TIME)
    duration = forms.TypedChoiceField(label="Length", choices=DURATIONS, coerce=int, initial=50)
    room = forms.ModelChoiceField(
        label="Room", queryset=Room.objects.none(), required=False, empty_label="No room"
    )
    telehealth_url = forms.URLField(
        label="Telehealth link",
        required=False,
        assume_scheme="https",
        help_text="For a video visit instead of (or as well as) a room.",
    )

    def __init__(
        self,
        data: Any = None,
        *,
        program: Program,
        episodes: Any,
        staff: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(data, **kwargs)
        self.fields["episode"].queryset = episodes  # type: ignore[attr-defined]
        self.fields["episode"].label_from_instance = lambda e: (  # type: ignore[attr-defined]
            f"{e.client.display_name} ({e.client.record_number})"
        )
        self.fields["staff"].queryset = staff  # type: ignore[attr-defined]
        self.fields["staff"].label_from_instance = lambda u: u.display_name  # type: ignore[attr-defined]
        self.fields["room"].queryset = Room.objects.filter(program=program, active=True)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "room" in data and "telehealth_url" in data:
            if not data["room"] and not data["telehealth_url"]:
                self.add_error("room", "Choose a room or give a telehealth link.")
        return data


# ---------------------------------------------------------------- tracks


class TrackForm(forms.Form):
    name = forms.CharField(label="Name", max_length=80, help_text="E.g. “Morning IOP”.")
    days = forms.TypedMultipleChoiceField(
        label="Days",
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text="3 to 5 days a week for IOP.",
    )
    starts_at = forms.TimeField(label="Day starts at", widget=TIME)
    ends_at = forms.TimeField(label="Day ends at", widget=TIME)
    starts_on = forms.DateField(label="First day", widget=DATE)
    active = forms.BooleanField(
        label="Active (sessions are generated)", required=False, initial=True
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", "The day must end after it starts.")
        days = data.get("days") or []
        if len(days) > 5:
            self.add_error("days", "At most 5 days a week for an IOP track.")
        return data


class BlockForm(forms.Form):
    group = forms.ModelChoiceField(label="Group", queryset=Group.objects.none())
    starts_at = forms.TimeField(label="Starts at", widget=TIME)
    ends_at = forms.TimeField(label="Ends at", widget=TIME)
    days = forms.TypedMultipleChoiceField(
        label="Only on these days",
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave all unticked for every day the track meets.",
    )
    room = forms.ModelChoiceField(
        label="Room", queryset=Room.objects.none(), required=False, empty_label="No room"
    )

    def __init__(self, data: Any = None, *, program: Program, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["group"].queryset = Group.objects.filter(program=program, active=True)  # type: ignore[attr-defined]
        self.fields["room"].queryset = Room.objects.filter(program=program, active=True)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", "The block must end after it starts.")
        return data


class ClosureForm(forms.Form):
    date = forms.DateField(label="Date", widget=DATE)
    reason = forms.CharField(label="Reason", max_length=120, help_text="E.g. “Thanksgiving”.")
    track = forms.ModelChoiceField(
        label="Track", queryset=Track.objects.none(), required=False, empty_label="Whole program"
    )

    def __init__(self, data: Any = None, *, program: Program, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["track"].queryset = Track.objects.filter(program=program)  # type: ignore[attr-defined]


class EnrolForm(forms.Form):
    track = forms.ModelChoiceField(
        label="Track", queryset=Track.objects.none(), empty_label="Choose a track…"
    )
    starts_on = forms.DateField(label="From", widget=DATE)

    def __init__(self, data: Any = None, *, program: Program, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["track"].queryset = Track.objects.active().filter(program=program)  # type: ignore[attr-defined]
        self.fields["track"].label_from_instance = lambda t: (  # type: ignore[attr-defined]
            f"{t.name} – {', '.join(t.day_names)} {t.starts_at:%H:%M}–{t.ends_at:%H:%M}"
        )


class FollowUpDoneForm(forms.Form):
    outcome = forms.CharField(
        label="What happened",
        max_length=500,
        help_text="E.g. “Reached by phone; back on Thursday”.",
    )
