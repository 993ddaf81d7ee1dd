from datetime import date

import pytest

TODAY = date(2026, 3, 2)


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    """The service's day is 2 March 2026 (a Monday) in these tests."""
    monkeypatch.setattr("mujun.service.actions.today", lambda: TODAY)
    return TODAY
