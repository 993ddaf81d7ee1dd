"""The day the attraction tests are run on: a status move or a signing may not be dated after
"today", and the funnel's 90-day share counts back from it, so time is frozen where it matters
(STYLE.md §11)."""

from datetime import date

import pytest

# A Tuesday at the end of a half-year, after every date the tests' facts carry and before the
# real day the suite runs on (the project register's own stage move checks the real day).
TODAY = date(2026, 6, 30)


@pytest.fixture
def frozen_today(monkeypatch):
    """``actions.today()`` — and the funnel's copy of it — answer ``TODAY``."""
    from mujun.attraction import actions, funnel

    monkeypatch.setattr(actions, "today", lambda: TODAY)
    monkeypatch.setattr(funnel, "today", lambda: TODAY)
    return TODAY
