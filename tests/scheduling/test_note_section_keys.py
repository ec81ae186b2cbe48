"""A signed BIRP note keeps the British key it was signed under ("behaviour"); it is locked,
so it is read under that key, while new notes write the US key."""

from __future__ import annotations

from scheduling.models import NoteFormat, ProgressNote


def test_a_note_signed_under_the_old_key_still_shows_its_behavior_section():
    note = ProgressNote(format=NoteFormat.BIRP, body={"behaviour": "Calm, on time."})
    assert ("behavior", "Behavior") == note.sections[0][:2]
    assert note.sections[0][3] == "Calm, on time."


def test_the_us_key_wins_where_both_are_present():
    note = ProgressNote(format=NoteFormat.BIRP, body={"behavior": "New", "behaviour": "Old"})
    assert note.sections[0][3] == "New"
