"""Assertions shared by the exercise tests."""

from helpers.exercises import Feedback


def assert_feedback(fb, status, *phrases):
    """``fb`` is Feedback with this status, whose message contains every phrase."""
    assert isinstance(fb, Feedback)
    assert fb.status == status, fb.message
    for phrase in phrases:
        assert phrase in fb.message, fb.message
    assert bool(fb) is (status == "correct")
