from __future__ import annotations

from typing import Any

from django import forms

from iop.accounts.models import Program, Role, User


class InviteStaffForm(forms.Form):
    email = forms.EmailField(label="Email address")
    first_name = forms.CharField(label="First name", max_length=150)
    last_name = forms.CharField(label="Last name", max_length=150)
    credentials = forms.CharField(label="Credentials (optional)", max_length=40, required=False)
    program = forms.ModelChoiceField(label="Program", queryset=Program.objects.none())
    role = forms.ChoiceField(label="Role", choices=[("", "Choose a role")] + list(Role.choices))

    def __init__(self, *args: Any, programs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = programs  # type: ignore[attr-defined]
        # Most clinics run one program: nothing to choose, so it is chosen.
        only = list(programs[:2])
        if len(only) == 1:
            self.fields["program"].initial = only[0].pk
            self.fields["program"].empty_label = None  # type: ignore[attr-defined]

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("Someone with this email address already has an account.")
        return email
