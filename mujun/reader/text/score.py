"""Precision, recall and F1 of extracted facts against a gold file (gold README, "Scoring guidance").

An extracted fact matches a gold fact when region (the gold name or one of its aliases), period
start and end, key and scope agree, and then value (relative tolerance 1e-9), YoY and the target
flag agree too. Gold facts joined by `same_as` form one group that either value satisfies.
Extracted facts whose span overlaps an `excluded` span, or whose key is outside the key tables,
are left out of the count. Region and scope are compared after traditional → simplified
conversion, since the gold writes them in the text's own script.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .lexicon import KEYS


@dataclass
class GoldDoc:
    doc: dict
    facts: list[dict]

    @property
    def id(self) -> str:
        return self.doc.get("id", "")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    false_positives: list[dict] = field(default_factory=list)
    false_negatives: list[dict] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __iadd__(self, other: Score) -> Score:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.false_positives += other.false_positives
        self.false_negatives += other.false_negatives
        return self


def load_gold(path: str | Path) -> GoldDoc:
    doc: dict = {}
    facts: list[dict] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            if rec.get("type") == "doc":
                doc = rec
            elif rec.get("type") == "fact":
                facts.append(rec)
    return GoldDoc(doc, facts)


@lru_cache(maxsize=4096)
def _norm(s: str | None) -> str | None:
    if s is None:
        return None
    from .clean import Cleaned, to_simplified

    return to_simplified(Cleaned.identity(s.strip())).text


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12)


def _region_names(gold: GoldDoc, region: str | None) -> set[str | None]:
    names = {_norm(region)}
    for r in gold.doc.get("regions") or []:
        group = {_norm(r.get("name"))} | {_norm(a) for a in r.get("aliases") or []}
        if _norm(region) in group:
            names |= group
    return names


def _identity(gold: GoldDoc, g: dict, x: dict) -> bool:
    return (
        _norm(x.get("region")) in _region_names(gold, g.get("region"))
        and x.get("period_start") == g.get("period_start")
        and x.get("period_end") == g.get("period_end")
        and x.get("key") == g.get("key")
        and _norm(x.get("scope")) == _norm(g.get("scope"))
    )


def agrees(gold: GoldDoc, g: dict, x: dict) -> bool:
    return (
        _identity(gold, g, x)
        and _close(g.get("value"), x.get("value"))
        and _close(g.get("yoy_pct"), x.get("yoy_pct"))
        and bool(g.get("is_target")) == bool(x.get("is_target"))
    )


def _groups(facts: list[dict]) -> list[list[dict]]:
    by_n = {f.get("n"): f for f in facts}
    root: dict = {}
    for f in facts:
        r = f
        while r.get("same_as") in by_n and r.get("same_as") != r.get("n"):
            r = by_n[r["same_as"]]
        root.setdefault(r.get("n"), []).append(f)
    return list(root.values())


def in_scope(gold: GoldDoc, x: dict, keys: frozenset[str] = KEYS) -> bool:
    """False for facts the gold does not judge: keys outside the tables, excluded spans."""
    if x.get("key") not in keys:
        return False
    a, b = x.get("span_start"), x.get("span_end")
    if a is None or b is None:
        return True
    return not any(
        a < ex["span_end"] and ex["span_start"] < b for ex in gold.doc.get("excluded") or []
    )


def score_doc(gold: GoldDoc, extracted: Iterable[dict], keys: frozenset[str] = KEYS) -> Score:
    groups = _groups(gold.facts)
    satisfied = [False] * len(groups)
    score = Score()
    for x in extracted:
        if not in_scope(gold, x, keys):
            continue
        hit = next(
            (
                i
                for i, grp in enumerate(groups)
                if not satisfied[i] and any(agrees(gold, g, x) for g in grp)
            ),
            None,
        )
        if hit is not None:
            satisfied[hit] = True
            score.tp += 1
        elif any(
            satisfied[i] and any(agrees(gold, g, x) for g in grp) for i, grp in enumerate(groups)
        ):
            continue  # the other precision of a same_as pair, or a repeat: neither right nor wrong
        else:
            score.fp += 1
            score.false_positives.append({"doc": gold.id, **x})
    for i, grp in enumerate(groups):
        if not satisfied[i]:
            score.fn += 1
            score.false_negatives.append({"doc": gold.id, **grp[0]})
    return score


def gold_files(directory: str | Path) -> list[Path]:
    return sorted(p for p in Path(directory).glob("*.jsonl") if p.is_file())
