"""Forms of the relapse prevention plan pages. Fields are optional in the form: the service
gives the clear message for a missing one, so a page and a test see the same words."""

from __future__ import annotations

from typing import Any

from django import forms

from groups.models import CurriculumTopic
from relapse_prevention.contact_people import ContactPerson
from relapse_prevention.models import ReviewOccasion
from relapse_prevention.services.plans import SECTIONS


class SkillChoice(forms.ChoiceField):
    """The program's group skills, read once per page (a model choice field would query
    again for every part's form)."""

    def __init__(self, skills: list[CurriculumTopic]) -> None:
        self.by_pk = {str(s.pk): s for s in skills}
        choices = [
            ("", "None"),
            *((pk, f"{s.title} ({s.group.name})") for pk, s in self.by_pk.items()),
        ]
        super().__init__(choices=choices, required=False, label="Group skill it uses")

    def to_python(self, value: Any) -> CurriculumTopic | None:
        if value in (None, ""):
            return None
        if str(value) not in self.by_pk:
            raise forms.ValidationError("Choose a skill taught in this program's groups.")
        return self.by_pk[str(value)]

    def validate(self, value: Any) -> None:
        return None

    def prepare_value(self, value: Any) -> Any:
        return str(value.pk) if isinstance(value, CurriculumTopic) else value


class PersonChoice(forms.ChoiceField):
    """The client's people (from family, through contact_people.py), read once per page."""

    def __init__(self, people: list[ContactPerson]) -> None:
        self.by_pk = {str(p.id): p for p in people}
        choices = [
            ("", "Not one of the client's people"),
            *((pk, p.label) for pk, p in self.by_pk.items()),
        ]
        super().__init__(
            choices=choices,
            required=False,
            label="One of the client's people",
            help_text="Choose them to fill in the name, relationship and phone left empty.",
        )

    def to_python(self, value: Any) -> Any:
        if value in (None, ""):
            return None
        if str(value) not in self.by_pk:
            raise forms.ValidationError("Choose one of the client's people.")
        return self.by_pk[str(value)].id

    def validate(self, value: Any) -> None:
        return None

    def prepare_value(self, value: Any) -> Any:
        return "" if value is None else str(value)


def part_form_class(section: str) -> type[forms.ModelForm]:
    chosen = SECTIONS[section]
    widgets: dict[str, Any] = {
        name: forms.Textarea(attrs={"rows": 2})
        for name in ("description", "when_to_call", "plan_for_the_day")
    }
    widgets["on_date"] = forms.DateInput(attrs={"type": "date"})
    return forms.modelform_factory(
        chosen.model,  # type: ignore[arg-type]
        # Crisis resources are always printed: no choice to make there.
        fields=[*chosen.fields, *([] if section == "crisis" else ["in_client_copy"])],
        widgets=widgets,
    )


def part_form(
    section: str,
    skills: list[CurriculumTopic],
    *args: Any,
    people: list[ContactPerson] | None = None,
    **kwargs: Any,
) -> forms.ModelForm:
    form = part_form_class(section)(*args, **kwargs)
    for name, field in form.fields.items():
        field.required = False
        if name == "in_client_copy":
            field.label = "On the client's copy"
    if "skill" in form.fields:
        form.fields["skill"] = SkillChoice(skills)
    if "client_person_id" in form.fields:
        if people:
            form.fields["client_person_id"] = PersonChoice(people)
            form.order_fields(["client_person_id"])
        else:  # no people named (or family not installed): nothing to choose
            del form.fields["client_person_id"]
    if "phone" in form.fields:
        form.fields["phone"].widget = forms.TextInput(attrs={"type": "tel", "autocomplete": "off"})
    return form


class OthersForm(forms.Form):
    what_others_do = forms.CharField(
        label="What I want others to do when they see my warning signs",
        help_text="In the client's own words.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    in_client_copy = forms.BooleanField(label="On the client's copy", required=False)


class SignForm(forms.Form):
    text_sha256 = forms.CharField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label="I have read this plan with the client and I sign it.",
        error_messages={"required": "Tick this box to confirm."},
    )


class ClientSignForm(SignForm):
    typed_name = forms.CharField(
        label="Your full name, typed by you",
        max_length=200,
        help_text="Your legal name, as it is on your record.",
        error_messages={"required": "Type your full name to sign."},
    )
    confirm = forms.BooleanField(
        label="I made this plan with my counselor, and I agree to it.",
        error_messages={"required": "Tick this box to confirm you agree to the plan."},
    )

    field_order = ["typed_name", "confirm", "text_sha256"]


class ReviewForm(forms.Form):
    reviewed_on = forms.DateField(
        label="Reviewed on", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    occasion = forms.ChoiceField(label="When", choices=ReviewOccasion.choices, required=False)
    summary = forms.CharField(
        label="What you talked through", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    changes_needed = forms.BooleanField(
        label="The plan needs changes: start a new version", required=False
    )
