"""Pages of a change of level: propose (with the evidence and the drafted justification),
read a proposal and decide it, the list awaiting a decision."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intake import asam
from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.audit.services import record_view_log, record_views_log
from iop.clients.access import get_client_for
from iop.clients.models import Client, Episode, LevelOfCare
from iop.http import AuthedRequest, form_add_service_errors
from scheduling.access import can_approve_level_change, get_level_change_proposal_for
from scheduling.models import (
    Direction,
    LevelChangeCandidate,
    LevelChangeProposal,
    ProposalStatus,
    Track,
    TrackPlan,
)
from scheduling.services import level_changes

PROPOSE = permissions.PROPOSE_LEVEL_CHANGE
APPROVE = permissions.APPROVE_LEVEL_CHANGE
READ = permissions.VIEW_CLINICAL_RECORD
RATING_CHOICES = [("", "Choose")] + [(str(k), v) for k, v in asam.RATING_LABELS.items()]


class ProposalForm(forms.Form):
    to_level = forms.ModelChoiceField(
        label="Move to", queryset=LevelOfCare.objects.none(), empty_label="Choose a level"
    )
    effective_on = forms.DateField(
        label="From", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    track_plan = forms.ChoiceField(label="Track", choices=TrackPlan.choices)
    track = forms.ModelChoiceField(
        label="New track",
        queryset=Track.objects.none(),
        required=False,
        empty_label="Choose a track",
        help_text="When the track changes.",
    )
    receiving_provider = forms.CharField(
        label="Receiving provider",
        max_length=200,
        required=False,
        help_text="Only for a move to another provider (always for residential or inpatient "
        "care, which this program does not run): who takes the client on.",
    )
    receiving_provider_contact = forms.CharField(
        label="How to reach them", max_length=200, required=False
    )
    why_this_level = forms.CharField(
        label="Why this level", required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    why_not_lower = forms.CharField(
        label="Why not the level below", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    why_not_higher = forms.CharField(
        label="Why not the level above", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, episode: Episode, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        program = episode.program
        here = {lv.pk for lv in level_changes.levels_run_here(program)}
        levels = (
            LevelOfCare.objects.filter(edition=program.asam_edition)
            .exclude(pk=episode.level_of_care_id)
            .order_by("ordering")
        )
        self.fields["to_level"].queryset = levels  # type: ignore[attr-defined]
        self.fields["to_level"].label_from_instance = lambda lv: (  # type: ignore[attr-defined]
            f"ASAM {lv.short_label}" + ("" if lv.pk in here else " (another provider)")
        )
        tracks = Track.objects.filter(program=program, active=True).order_by("name")
        self.fields["track"].queryset = tracks  # type: ignore[attr-defined]
        names = asam.DIMENSIONS[program.asam_edition]
        for number, name in enumerate(names, start=1):
            self.fields[f"rating_{number}"] = forms.ChoiceField(
                label=f"{number}. {name}", choices=RATING_CHOICES, required=False
            )
            self.fields[f"notes_{number}"] = forms.CharField(
                label=f"Notes on dimension {number}", required=False, max_length=500
            )

    def ratings(self) -> dict[int, Any]:
        return {n: self.cleaned_data.get(f"rating_{n}") for n in level_changes.DIMENSIONS}

    def notes(self) -> dict[int, str]:
        return {n: self.cleaned_data.get(f"notes_{n}", "") for n in level_changes.DIMENSIONS}

    def rating_rows(self) -> list[tuple[Any, Any]]:
        return [(self[f"rating_{n}"], self[f"notes_{n}"]) for n in level_changes.DIMENSIONS]


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label="Comment for the clinician",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when you return it.",
    )


def _open_episode(client: Client) -> Episode:
    episode = (
        Episode.objects.open()
        .filter(client=client)
        .select_related("level_of_care", "program", "client")
        .first()
    )
    if episode is None:
        raise Http404("This client has no open episode of care.")
    return episode


def _candidate(request: AuthedRequest, episode: Episode) -> LevelChangeCandidate | None:
    """The open flag this proposal is made from (?candidate=), for this episode only."""
    raw = request.GET.get("candidate", "")
    try:
        wanted = UUID(raw)
    except ValueError:
        return None
    return LevelChangeCandidate.objects.open().filter(pk=wanted, episode=episode).first()


def _suggested_level(episode: Episode, candidate: LevelChangeCandidate | None) -> Any:
    """The next level up or down, as the flag suggests."""
    if candidate is None:
        return None
    levels = level_changes.levels_run_here(episode.program)
    here = episode.level_of_care.ordering
    if candidate.direction == Direction.UP:
        return levels.filter(ordering__gt=here).first()
    return levels.filter(ordering__lt=here).last()


@require_http_methods(["GET", "POST"])
@capability_required(PROPOSE)
def level_change_new(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    client = get_client_for(request.user, client_id, PROPOSE, chart_header=True)
    episode = _open_episode(client)
    today = client.program.today()
    pending = LevelChangeProposal.objects.pending().filter(episode=episode).first()
    candidate = _candidate(request, episode)
    form = ProposalForm(
        request.POST or None,
        episode=episode,
        initial={
            "effective_on": today,
            "track_plan": TrackPlan.KEEP,
            "to_level": _suggested_level(episode, candidate),
        },
    )
    # Drawn once, for the page or the draft; a proposal draws its own snapshot when saved.
    evidence = None
    recommendation = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            recommendation = level_changes.level_recommendation(
                form.ratings(), episode.program.asam_edition
            )
            if request.POST.get("action") == "draft":
                drafted = level_changes.justification_draft(
                    episode=episode,
                    to_level=data["to_level"],
                    ratings=form.ratings(),
                    evidence=(
                        evidence := level_changes.level_change_evidence(episode, today=today)
                    ),
                )
                form = ProposalForm({**request.POST.dict(), **drafted}, episode=episode)
                form.is_valid()
            else:
                proposal = level_changes.level_change_propose(
                    episode=episode,
                    by=request.user,
                    to_level=data["to_level"],
                    effective_on=data["effective_on"],
                    track_plan=data["track_plan"],
                    track=data["track"],
                    ratings=form.ratings(),
                    notes=form.notes(),
                    why_this_level=data["why_this_level"],
                    why_not_lower=data["why_not_lower"],
                    why_not_higher=data["why_not_higher"],
                    candidate=candidate,
                    receiving_provider=data["receiving_provider"],
                    receiving_provider_contact=data["receiving_provider_contact"],
                )
                messages.success(request, "Sent to a director for a decision.")
                return redirect("scheduling:level_change", proposal.pk)
        except ValidationError as refused:
            form_add_service_errors(form, refused)
    record_view_log(request=request, client=client, page="Level-of-care proposal")
    return render(
        request,
        "scheduling/level_changes/new.html",
        {
            "client": client,
            "episode": episode,
            "form": form,
            "evidence": evidence or level_changes.level_change_evidence(episode, today=today),
            "pending": pending,
            "candidate": candidate,
            "recommendation": recommendation,
        },
        status=400 if request.method == "POST" and form.errors else 200,
    )


def _proposal(request: AuthedRequest, proposal_id: UUID) -> LevelChangeProposal:
    return get_level_change_proposal_for(request.user, proposal_id, READ)


def _ratings(proposal: LevelChangeProposal) -> list[dict[str, Any]]:
    names = asam.DIMENSIONS[proposal.asam_edition]
    return [
        {
            "number": n,
            "name": names[n - 1],
            "words": asam.RATING_LABELS[int(proposal.asam_ratings[str(n)])],
            "notes": proposal.asam_notes.get(str(n), ""),
        }
        for n in level_changes.DIMENSIONS
    ]


def _detail(
    request: AuthedRequest, proposal: LevelChangeProposal, form: DecisionForm, status: int = 200
) -> HttpResponse:
    client = get_client_for(request.user, proposal.client_id, READ, chart_header=True)
    record_view_log(request=request, client=client, page="Level-of-care proposal")
    may_decide = (
        proposal.status == ProposalStatus.PENDING
        and can_approve_level_change(request.user, proposal.program)
        and proposal.proposed_by_id != request.user.pk
    )
    return render(
        request,
        "scheduling/level_changes/detail.html",
        {
            "client": client,
            "proposal": proposal,
            "ratings": _ratings(proposal),
            "form": form,
            "may_decide": may_decide,
            "from_candidate": LevelChangeCandidate.objects.filter(proposal=proposal).first(),
            "own": proposal.proposed_by_id == request.user.pk,
        },
        status=status,
    )


@require_GET
@capability_required(READ)
def level_change_detail(request: AuthedRequest, proposal_id: UUID) -> HttpResponse:
    return _detail(request, _proposal(request, proposal_id), DecisionForm())


@require_POST
@capability_required(APPROVE)
def level_change_decide(request: AuthedRequest, proposal_id: UUID) -> HttpResponse:
    proposal = _proposal(request, proposal_id)
    form = DecisionForm(request.POST)
    if form.is_valid():
        approve = request.POST.get("decision") == "approve"
        try:
            level_changes.level_change_decide(
                proposal=proposal,
                by=request.user,
                approve=approve,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as refused:
            form_add_service_errors(form, refused)
        else:
            if not approve:
                said = "Returned to the clinician."
            elif proposal.to_another_provider:
                said = (
                    f"Approved: the discharge to {proposal.receiving_provider} is recorded "
                    "for its date. The episode closes once its steps are done, the "
                    "transition summary among them."
                )
            else:
                said = "Approved: the change takes effect on its date."
            messages.success(request, said)
            return redirect("scheduling:level_change", proposal.pk)
    return _detail(request, proposal, form, status=400)


@require_GET
@capability_required(APPROVE)
def level_changes_pending(request: AuthedRequest) -> HttpResponse:
    proposals = list(
        LevelChangeProposal.objects.pending()
        .visible_to(request.user, APPROVE)
        .select_related("client", "from_level", "to_level", "proposed_by")
        .order_by("created_at")
    )
    record_views_log(request=request, clients=[p.client for p in proposals], page="Level changes")
    return render(request, "scheduling/level_changes/pending.html", {"proposals": proposals})


urlpatterns: list[URLPattern] = [
    path("clients/<uuid:client_id>/level-change/", level_change_new, name="level_change_new"),
    path("level-changes/", level_changes_pending, name="level_changes_pending"),
    path("level-changes/<uuid:proposal_id>/", level_change_detail, name="level_change"),
    path(
        "level-changes/<uuid:proposal_id>/decide/", level_change_decide, name="level_change_decide"
    ),
]
