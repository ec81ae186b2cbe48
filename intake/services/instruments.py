"""Recording an instrument and responding to the safety alerts it raises."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from intake import instruments
from intake.instruments import scoring
from intake.instruments.definitions import InstrumentDefinition
from intake.instruments.validation import clean_answers
from intake.instruments.wording import prompts_for
from intake.models import Assessment, InstrumentResult, SafetyAlert, SafetyPlanDecision
from intake.services.alerts import alert_notify
from intake.services.safety_plans import written_plan_for_decision
from iop.accounts.models import User
from iop.audit.models import AuditAction
from iop.audit.services import audit_event_record
from iop.clients.models import Client, Episode, SafetyFlag, SafetyFlagKind

SAFETY_PLAN_ON_FILE = "Safety plan on file"
# Decisions after which suicide risk is still being managed, so the chart keeps a flag.
RISK_REMAINS = {
    SafetyPlanDecision.PLAN_COMPLETED,
    SafetyPlanDecision.PLAN_UPDATED,
    SafetyPlanDecision.EMERGENCY,
}


def _clip(text: str, length: int = 200) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def instrument_definition(code: str) -> InstrumentDefinition:
    try:
        return instruments.get(code)
    except instruments.UnknownInstrument:
        raise ValidationError({"instrument": f"There is no instrument {code!r}."}) from None


def _scoring_context(definition: InstrumentDefinition, context: dict[str, str]) -> dict[str, Any]:
    """The caller's context plus program settings the rule needs (stored with the result)."""
    setting = definition.parameters.get("cutoff_setting")
    if not setting:
        return dict(context)
    default = definition.parameters["default_cutoff"]
    return {**context, "cutoff": int(getattr(settings, setting, default))}


def _check_links(client: Client, assessment: Assessment | None, episode: Episode | None) -> None:
    if assessment is not None and assessment.client_id != client.pk:
        raise ValueError("The assessment belongs to another client.")
    if episode is not None and episode.client_id != client.pk:
        raise ValueError("The episode belongs to another client.")


def _alert_raise(*, result: InstrumentResult, reason: str, by: User) -> SafetyAlert:
    flag = SafetyFlag.objects.create(
        client=result.client,
        kind=SafetyFlagKind.SUICIDE_RISK,
        note=_clip(f"Open safety alert: {reason}"),
        created_by=by,
    )
    alert = SafetyAlert.objects.create(
        client=result.client, result=result, reason=_clip(reason), flag=flag, created_by=by
    )
    audit_event_record(
        action=AuditAction.SAFETY_ALERT_RAISED,
        actor=by,
        obj=alert,
        client=result.client,
        summary=_clip(reason),
    )
    alert_notify(alert=alert)
    return alert


def instrument_record(
    *,
    client: Client,
    instrument: str,
    answers: Mapping[str, int | str],
    by: User,
    context: Mapping[str, Any] | None = None,
    assessment: Assessment | None = None,
    episode: Episode | None = None,
    administered_at: datetime.datetime | None = None,
) -> InstrumentResult:
    """Validate, score and store one administration; raise its safety alert at once.

    Refuses (ValidationError keyed by item, or by ``sex``/``administered_at``) before
    anything is written. A critical answer (PHQ-9 item 9 above 0; C-SSRS moderate or
    high risk) creates a suicide-risk SafetyFlag and a SafetyAlert in the same
    transaction. ``episode`` defaults to the client's open episode, if any.
    """
    definition = instrument_definition(instrument)
    cleaned = clean_answers(definition, answers, context)
    administered_at = administered_at or timezone.now()
    if administered_at > timezone.now() + datetime.timedelta(minutes=5):
        raise ValidationError({"administered_at": "The administration time is in the future."})
    _check_links(client, assessment, episode)
    scoring_context = _scoring_context(definition, cleaned.context)
    score = scoring.score(definition, cleaned.answers, scoring_context)
    details = {**score.details, "item_wording": prompts_for(definition).source}
    with transaction.atomic():
        if episode is None:
            episode = client.episodes.open().first()
        result = InstrumentResult.objects.create(
            client=client,
            episode=episode,
            assessment=assessment,
            instrument=definition.code,
            version=definition.version,
            administered_at=administered_at,
            answers=cleaned.answers,
            context=scoring_context,
            score=score.total,
            band=score.band,
            critical_items=list(score.critical_items),
            details=details,
            created_by=by,
        )
        if score.alert_reason:
            _alert_raise(result=result, reason=score.alert_reason, by=by)
    return result


def _acknowledgement_errors(
    risk_assessment: str, safety_plan_decision: str, decision_notes: str
) -> dict[str, str]:
    errors = {}
    if not risk_assessment.strip():
        errors["risk_assessment"] = "Record the suicide risk assessment before acknowledging."
    if safety_plan_decision not in SafetyPlanDecision.values:
        errors["safety_plan_decision"] = "Choose what was decided about a safety plan."
    elif safety_plan_decision == SafetyPlanDecision.NOT_INDICATED and not decision_notes.strip():
        errors["decision_notes"] = "Say why no safety plan is indicated."
    return errors


def _standing_flag(*, alert: SafetyAlert, decision: str, by: User) -> SafetyFlag:
    if decision == SafetyPlanDecision.EMERGENCY:
        note = (
            f"Referred for emergency evaluation on {alert.client.program.today():%Y-%m-%d}: "
            "confirm the outcome and a safety plan before the next session"
        )
    else:
        note = SAFETY_PLAN_ON_FILE
        existing = SafetyFlag.objects.active().filter(
            client=alert.client, kind=SafetyFlagKind.SUICIDE_RISK, note=note
        )
        if flag := existing.first():
            return flag  # one standing flag per client is enough for the chart header
    return SafetyFlag.objects.create(
        client=alert.client, kind=SafetyFlagKind.SUICIDE_RISK, note=note, created_by=by
    )


def safety_alert_acknowledge(
    *,
    alert: SafetyAlert,
    by: User,
    risk_assessment: str,
    safety_plan_decision: str,
    decision_notes: str,
) -> SafetyAlert:
    """Record the same-day risk assessment and safety-plan decision; close the alert.

    Requires a risk assessment, a decision, and notes when no plan is indicated; "plan
    completed / updated" requires a written plan signed since the alert was raised. The
    alert's own flag ("Open safety alert: ...") is resolved, because the alert has
    been answered. What the chart shows next depends on the decision, as a clinic
    would expect:

    - plan completed or updated: the risk is being managed, not gone, so a standing
      suicide-risk flag "Safety plan on file" stays in the chart header (reused if
      the client already has one) until a clinician resolves it;
    - emergency referral: a standing flag says the client was referred that day and
      asks for the outcome and a plan before the next session; saying "Safety plan
      on file" there would claim a plan nobody has written yet;
    - not indicated: the clinician judged that risk is not elevated and said why, so
      no flag remains.
    """
    errors = _acknowledgement_errors(risk_assessment, safety_plan_decision, decision_notes)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = SafetyAlert.objects.select_for_update().select_related("flag").get(pk=alert.pk)
        if locked.acknowledged_at is not None:
            raise ValidationError("This safety alert has already been acknowledged.")
        # "Completed / updated" must name a written plan signed since the alert.
        locked.safety_plan = written_plan_for_decision(locked, safety_plan_decision)
        now = timezone.now()
        locked.acknowledged_at = now
        locked.acknowledged_by = by
        locked.risk_assessment = risk_assessment.strip()
        locked.safety_plan_decision = safety_plan_decision
        locked.decision_notes = decision_notes.strip()
        locked.save()
        flag = locked.flag
        if flag.resolved_at is None:
            flag.resolved_at = now
            flag.resolved_by = by
            flag.save(update_fields=["resolved_at", "resolved_by", "updated_at"])
        if safety_plan_decision in RISK_REMAINS:
            _standing_flag(alert=locked, decision=safety_plan_decision, by=by)
        audit_event_record(
            action=AuditAction.SAFETY_ALERT_CLOSED,
            actor=by,
            obj=locked,
            client=locked.client,
            summary=f"Risk assessed; decision: {locked.get_safety_plan_decision_display()}",
        )
    return locked
