"""Change history of sessions and attendance: each change keeps the row as it was and as it
became (inserts are not written twice: the inserted row is its own first state)."""

from __future__ import annotations

import pytest

from scheduling.models import SessionAttendee
from tests.factories import EpisodeFactory
from tests.scheduling.factories import SessionFactory

pytestmark = pytest.mark.django_db


def test_attendance_change_keeps_the_before_and_after(program):
    session = SessionFactory(program=program)
    episode = EpisodeFactory(client__program=program)
    attendee = SessionAttendee.objects.create(
        session=session, episode=episode, client=episode.client
    )
    assert not attendee.events.exists()
    attendee.attendance, attendee.minutes_attended = "present", 50
    attendee.save()
    events = list(attendee.events.order_by("pgh_id").values_list("pgh_label", "attendance"))
    assert events == [("before_change", ""), ("update", "present")]


def test_moving_a_session_keeps_its_old_time(program):
    session = SessionFactory(program=program)
    old_start = session.starts_at
    session.starts_at = old_start.replace(hour=old_start.hour + 1)
    session.ends_at = session.ends_at.replace(hour=session.ends_at.hour + 1)
    session.save()
    before = session.events.get(pgh_label="before_change")
    assert before.starts_at == old_start
