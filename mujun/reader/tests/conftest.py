"""Shared paths: the gold files and seed reports live in `../shared` beside the repository."""

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
GOLD = SHARED / "gold"
SEEDS = SHARED / "seeds"


@pytest.fixture
def gold_dir() -> Path:
    if not GOLD.is_dir():
        pytest.skip(f"gold facts not found at {GOLD} (the shared folder beside the repository)")
    return GOLD
