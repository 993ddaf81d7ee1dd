"""The scheme loader's mistake list: ``Checker`` reads raw TOML values as typed values and
notes each mistake under its key (``groups.above.indicators.tax_per_mu.weight``) instead of
raising, for ``loader`` and ``loader_groups``.

It holds no scheme rules of its own (those are in ``loader`` and ``loader_groups``) and never sees
the data file, whose mistakes ``data`` collects.
"""

import re
from decimal import Decimal

IDENTIFIER = re.compile(r"[a-z][a-z0-9_]*\Z")
# The largest number a scheme may hold: far above any weight, benchmark or threshold (a
# benchmark of 万元 per 亩 is in the hundreds), far inside a float.
LARGEST = 10**12


class Checker:
    """Typed reads of raw TOML values that note a problem instead of raising.

    Each read returns the value (or ``None``/``{}`` when it is unusable) so loading goes on
    and the user gets the whole list in one run.
    """

    def __init__(self, origin: str):
        self.origin = origin
        self.problems: list[str] = []

    def problem(self, key: str, message: str) -> None:
        self.problems.append(f"{self.origin}: {key or '(top level)'}: {message}")

    def table(self, raw, key: str, *, allowed: str | None = None, required=()) -> dict:
        if not isinstance(raw, dict):
            self.problem(key, "must be a table")
            return {}
        if allowed is not None:
            names = set(allowed.split())
            for name in raw:
                if name not in names:
                    self.problem(_join(key, name), "unknown key")
        for name in required:
            if name not in raw:
                self.problem(_join(key, name), "missing")
        return raw

    def number(self, raw, key: str, *, minimum=None, positive=False) -> Decimal | None:
        # bool is an int in Python; `true` is no weight.
        if isinstance(raw, bool) or not isinstance(raw, int | Decimal):
            self.problem(key, f"must be a number, not {raw!r}")
            return None
        value = Decimal(raw)
        if not value.is_finite():
            self.problem(key, "must be a finite number")
            return None
        if abs(value) > LARGEST:
            # 1e400 is a finite Decimal but an infinite float, which the vector core computes in
            self.problem(key, f"must be at most {LARGEST:,} in size")
            return None
        if positive and value <= 0:
            self.problem(key, "must be greater than 0")
            return None
        if minimum is not None and value < minimum:
            self.problem(key, f"must be at least {minimum}")
            return None
        return value

    def string(self, raw, key: str) -> str | None:
        if not isinstance(raw, str) or not raw.strip():
            self.problem(key, "must be non-empty text")
            return None
        return raw

    def identifier(self, raw, key: str) -> str | None:
        if not isinstance(raw, str) or not IDENTIFIER.match(raw):
            self.problem(key, f"must be a lower-case identifier, not {raw!r}")
            return None
        return raw

    def column(self, raw, key: str, known: set[str]) -> str | None:
        """A column a rule reads: a §2 column or one declared under ``[columns]``."""
        name = self.identifier(raw, key)
        if name is not None and name not in known:
            self.problem(key, f"unknown column {name!r}; declare it under [columns]")
            return None
        return name

    def choice(self, raw, key: str, options: tuple[str, ...]) -> str | None:
        if raw not in options:
            self.problem(key, f"must be one of {', '.join(options)}, not {raw!r}")
            return None
        return raw


def _join(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name
