"""Forms of the group pages: the group with its curriculum, and closed-group roster changes."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import Q

from groups.models import Admission, Group, GroupKind
from iop.accounts.models import Program, User
from iop.clients.models import Episode


class GroupForm(forms.Form):
    name = forms.CharField(label="Name", max_length=120, help_text="E.g. “DBT skills (morning)”.")
    kind = forms.ModelChoiceField(label="Kind", queryset=GroupKind.objects.none())
    description = forms.CharField(
        label="Description", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    capacity = forms.IntegerField(
        label="Capacity",
        min_value=1,
        max_value=40,
        initial=12,
        help_text="Most clients in one session.",
    )
    admission = forms.ChoiceField(label="Admission", choices=Admission.choices)
    facilitator = forms.ModelChoiceField(
        label="Facilitator",
        queryset=User.objects.none(),
        required=False,
        empty_label="Not named yet",
    )
    co_facilitator = forms.ModelChoiceField(
        label="Co-facilitator", queryset=User.objects.none(), required=False, empty_label="None"
    )
    curriculum = forms.CharField(
        label="Curriculum topics, in order",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="One topic per line. Sessions take the next topic in turn, then start again.",
    )
    active = forms.BooleanField(label="Active", required=False, initial=True)

    def __init__(self, data: Any = None, *, program: Program, staff: Any, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.program = program
        self.fields["kind"].queryset = GroupKind.objects.filter(  # type: ignore[attr-defined]
            Q(program=None) | Q(program=program)
        )
        for name in ("facilitator", "co_facilitator"):
            self.fields[name].queryset = staff  # type: ignore[attr-defined]
            self.fields[name].label_from_instance = lambda u: u.display_name  # type: ignore[attr-defined]

    def clean_curriculum(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["curriculum"].splitlines()]
        too_long = [line for line in lines if len(line) > 160]
        if too_long:
            raise forms.ValidationError("Keep each topic under 160 characters.")
        return [line for line in lines if line]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lead, co = data.get("facilitator"), data.get("co_facilitator")
        if co and not lead:
            self.add_error("facilitator", "Name the facilitator before a co-facilitator.")
        elif co and lead == co:
            self.add_error("co_facilitator", "Choose someone other than the facilitator.")
        return data


class RosterAddForm(forms.Form):
    episode = forms.ModelChoiceField(
        label="Client", queryset=Episode.objects.none(), empty_label="Choose a client…"
    )

    def __init__(self, data: Any = None, *, group: Group, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        on_roster = group.roster.current().values("episode_id")
        self.fields["episode"].queryset = (  # type: ignore[attr-defined]
            Episode.objects.open()
            .filter(program_id=group.program_id)
            .exclude(pk__in=on_roster)
            .select_related("client")
            .order_by("client__legal_last_name", "client__legal_first_name")
        )
        self.fields["episode"].label_from_instance = lambda e: (  # type: ignore[attr-defined]
            f"{e.client.display_name} ({e.client.record_number})"
        )


class RosterRemoveForm(forms.Form):
    left_on = forms.DateField(label="Last day", widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label="Reason", max_length=200)

    def __init__(self, data: Any = None, *, today: datetime.date, **kwargs: Any) -> None:
        super().__init__(data, initial={"left_on": today}, **kwargs)
