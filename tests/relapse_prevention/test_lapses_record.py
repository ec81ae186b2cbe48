"""Recording lapses without judgment: bad input refused with a clear message and nothing
saved; the entered-in-error mark; the pages (record, list, one lapse with the prompt to
review the relapse prevention plan) scoped to charting staff of the client's program; the
step-up evaluation enqueued once the lapse is committed."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from iop.accounts.models import Role
from iop.audit.models import RecordView
from relapse_prevention import tasks
from relapse_prevention.models import Lapse, Validity
from relapse_prevention.services.lapses import lapse_mark_entered_in_error, lapse_record
from tests.factories import ClientFactory, EpisodeFactory, member
from tests.relapse_prevention.checkin_helpers import DAY, in_care, lapse
from tests.relapse_prevention.screen_helpers import specimen_with

pytestmark = pytest.mark.django_db

JUDGING = ("dirty", "clean", "failed", "relapsed again")


@pytest.fixture
def clinician(staff):
    return staff[Role.CLINICIAN]


@pytest.fixture
def episode(program, clinician):
    return in_care(program, clinician, admitted_days=30)


@pytest.fixture
def sent(monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(tasks.lapse_candidates_evaluate, "delay", calls.append)
    return calls


def _refused(episode, by, field, message, **values):
    kwargs = {
        "occurred_on": episode.program.today(),
        "substance_or_behavior": "alcohol",
    } | values
    with pytest.raises(ValidationError) as refused:
        lapse_record(episode=episode, by=by, **kwargs)
    assert message in " ".join(refused.value.message_dict[field])
    assert not Lapse.objects.exists()


def test_a_lapse_in_the_future_is_refused(episode, clinician):
    tomorrow = episode.program.today() + DAY
    _refused(episode, clinician, "occurred_on", "cannot be in the future", occurred_on=tomorrow)


def test_a_lapse_before_admission_is_refused(episode, clinician):
    before = episode.admitted_on - DAY
    _refused(episode, clinician, "occurred_on", "before the admission", occurred_on=before)


def test_admission_day_and_today_are_kept(episode, clinician, sent):
    lapse_record(
        episode=episode,
        by=clinician,
        occurred_on=episode.admitted_on,
        substance_or_behavior="alcohol",
    )
    lapse_record(
        episode=episode,
        by=clinician,
        occurred_on=episode.program.today(),
        substance_or_behavior="gambling online",
    )
    assert Lapse.objects.count() == 2


def test_no_substance_or_behavior_is_refused(episode, clinician):
    _refused(
        episode,
        clinician,
        "substance_or_behavior",
        "Say the substance or the behavior.",
        substance_or_behavior="  ",
    )


def test_a_drug_screen_of_another_client_is_refused(episode, clinician, program):
    someone = ClientFactory(program=program)
    EpisodeFactory(client=someone)
    screen = specimen_with(someone)
    _refused(episode, clinician, "specimen", "another client's", specimen=screen)


def test_a_confirming_screen_of_the_client_is_linked(episode, clinician, sent):
    screen = specimen_with(episode.client, validity=Validity.NORMAL)
    saved = lapse(episode, clinician, specimen=screen)
    assert saved.specimen == screen


def test_the_step_up_evaluation_is_enqueued_on_commit(
    episode, clinician, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        lapse(episode, clinician)
    assert sent == []  # not before the commit
    for callback in callbacks:
        callback()
    assert sent == [str(episode.program_id)]


def test_entered_in_error_keeps_the_lapse_marked(episode, clinician, sent):
    saved = lapse(episode, clinician)
    with pytest.raises(ValidationError):
        lapse_mark_entered_in_error(lapse=saved, by=clinician, reason="")
    lapse_mark_entered_in_error(lapse=saved, by=clinician, reason="Another client's lapse.")
    assert Lapse.objects.count() == 1 and not Lapse.objects.standing().exists()
    with pytest.raises(ValidationError):
        lapse_mark_entered_in_error(lapse=saved, by=clinician, reason="Again.")


# ---------------------------------------------------------------- the pages


def _record_url(client):
    return reverse("relapse_prevention:lapse_record", args=[client.pk])


def _post(episode, **values):
    return {
        "occurred_on": episode.program.today().isoformat(),
        "substance_or_behavior": "alcohol",
        "context": "My brother's wedding.",
        "what_helped": "Texting my sponsor the next morning.",
        "what_to_change": "Bring my own drinks and leave by ten.",
        "specimen": "",
    } | values


def test_clinician_records_a_lapse_and_is_prompted_to_review_the_plan(
    login_as, clinician, episode, django_capture_on_commit_callbacks, sent
):
    http = login_as(clinician)
    assert "Record a lapse" in http.get(_record_url(episode.client)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = http.post(_record_url(episode.client), _post(episode), follow=True)
    saved = Lapse.objects.get()
    assert response.redirect_chain[-1][0] == reverse("relapse_prevention:lapse", args=[saved.pk])
    page = response.content.decode()
    assert "Review the relapse prevention plan with the client" in page
    # The prompt opens the plan's review, set for after a lapse.
    review = reverse("relapse_prevention:plan_review", args=[episode.client.pk])
    assert f'href="{review}?occasion=lapse"' in page
    assert "Texting my sponsor the next morning." in page
    assert "What the client wants to do differently" in page
    assert sent == [str(episode.program_id)]
    assert RecordView.objects.filter(client=episode.client, page="Lapse").exists()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"substance_or_behavior": ""}, "Say the substance or the behavior."),
        ({"occurred_on": ""}, "Give the day it happened."),
    ],
)
def test_bad_input_on_the_page_shows_the_message_and_keeps_what_was_typed(
    login_as, clinician, episode, values, message
):
    response = login_as(clinician).post(_record_url(episode.client), _post(episode, **values))
    text = response.content.decode()
    assert response.status_code == 400 and message in text
    assert "Bring my own drinks and leave by ten." in text
    assert not Lapse.objects.exists()


def test_a_future_date_on_the_page_is_refused(login_as, clinician, episode):
    tomorrow = (episode.program.today() + DAY).isoformat()
    response = login_as(clinician).post(
        _record_url(episode.client), _post(episode, occurred_on=tomorrow)
    )
    assert response.status_code == 400
    assert "cannot be in the future" in response.content.decode()
    assert not Lapse.objects.exists()


def test_the_pages_use_no_judging_words(login_as, clinician, episode, sent):
    saved = lapse(episode, clinician)
    http = login_as(clinician)
    for url in (
        _record_url(episode.client),
        reverse("relapse_prevention:lapses", args=[episode.client.pk]),
        reverse("relapse_prevention:lapse", args=[saved.pk]),
        reverse("relapse_prevention:lapse_error", args=[saved.pk]),
    ):
        main = http.get(url).content.decode().lower().split("<main", 1)[-1]
        for word in JUDGING:
            assert f" {word}" not in main, (url, word)


@pytest.mark.parametrize("role", [Role.CLINICIAN, Role.PRESCRIBER, Role.DIRECTOR])
def test_charting_staff_open_the_lapse_pages(login_as, staff, episode, clinician, sent, role):
    saved = lapse(episode, clinician)
    http = login_as(staff[role])
    for url in (
        _record_url(episode.client),
        reverse("relapse_prevention:lapses", args=[episode.client.pk]),
        reverse("relapse_prevention:lapse", args=[saved.pk]),
        reverse("relapse_prevention:lapse_error", args=[saved.pk]),
    ):
        assert http.get(url).status_code == 200, url


@pytest.mark.parametrize("role", [Role.PROBATION, Role.INTAKE, Role.ADMINISTRATOR])
def test_other_roles_are_refused_the_lapse_pages(login_as, staff, episode, clinician, sent, role):
    saved = lapse(episode, clinician)
    http = login_as(staff[role])
    for url in (
        _record_url(episode.client),
        reverse("relapse_prevention:lapses", args=[episode.client.pk]),
        reverse("relapse_prevention:lapse", args=[saved.pk]),
        reverse("relapse_prevention:lapse_error", args=[saved.pk]),
    ):
        assert http.get(url).status_code == 403, url
    assert http.post(_record_url(episode.client), _post(episode)).status_code == 403
    assert Lapse.objects.count() == 1


def test_a_clinician_of_another_program_gets_404(login_as, episode, clinician, other_program, sent):
    saved = lapse(episode, clinician)
    http = login_as(member(Role.CLINICIAN, other_program))
    for url in (
        _record_url(episode.client),
        reverse("relapse_prevention:lapses", args=[episode.client.pk]),
        reverse("relapse_prevention:lapse", args=[saved.pk]),
        reverse("relapse_prevention:lapse_error", args=[saved.pk]),
    ):
        assert http.get(url).status_code == 404, url
    assert http.post(_record_url(episode.client), _post(episode)).status_code == 404
    assert Lapse.objects.count() == 1


def test_marking_through_the_page(login_as, clinician, episode, sent):
    saved = lapse(episode, clinician)
    url = reverse("relapse_prevention:lapse_error", args=[saved.pk])
    http = login_as(clinician)
    assert http.post(url, {"reason": ""}).status_code == 400
    response = http.post(url, {"reason": "Recorded for the wrong client."}, follow=True)
    assert "It no longer counts." in response.content.decode()
    saved.refresh_from_db()
    assert saved.entered_in_error_reason == "Recorded for the wrong client."


def test_the_list_query_count_does_not_grow(
    login_as, clinician, episode, sent, django_assert_max_num_queries
):
    http = login_as(clinician)
    url = reverse("relapse_prevention:lapses", args=[episode.client.pk])
    lapse(episode, clinician, days_ago=1)
    http.get(url)
    with django_assert_max_num_queries(60) as few:
        http.get(url)
    bound = len(few.captured_queries)
    for days in range(2, 10):
        lapse(episode, clinician, days_ago=days)
    with django_assert_max_num_queries(bound):
        http.get(url)


def test_a_substance_or_behavior_too_long_is_refused(episode, clinician):
    _refused(
        episode,
        clinician,
        "substance_or_behavior",
        "200 characters",
        substance_or_behavior="a" * 201,
    )
