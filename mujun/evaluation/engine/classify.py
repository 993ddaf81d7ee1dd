"""Steps 6–9 of EVALUATION.md §4 as plain functions: rank, class, overrides, surcharge."""

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

import numpy as np

from .scheme import CLASSES


def rank_order(totals: np.ndarray, tie_break: list[np.ndarray], uscc) -> np.ndarray:
    """Positions in rank order: total descending, then each tie-break column descending with
    missing values last (Huancui: tax, then revenue), then USCC ascending.

    Totals are sorted alone; only runs of equal totals, which are short and few in real data,
    are ordered by the tie-break columns and ``uscc(p)`` (the code at position ``p``)."""
    order = np.argsort(-totals, kind="stable")
    if len(order) < 2:
        return order
    ranked = totals[order]
    tied = ranked[1:] == ranked[:-1]
    if not tied.any():
        return order
    # Descending with NaN last: ascending on -value with NaN mapped to +inf.
    keys = [np.where(np.isnan(v), np.inf, -v) for v in tie_break]

    def key(p: int):
        return (*(k[p] for k in keys), uscc(p))

    edges = np.diff(np.concatenate(([0], tied.astype(np.int8), [0])))
    for start, stop in zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1), strict=True):
        order[start : stop + 1] = sorted(order[start : stop + 1].tolist(), key=key)
    return order


def class_by_shares(count: int, shares) -> np.ndarray:
    """Class index (into ``CLASSES``) for ranks 1…count.

    Rank r takes the first class whose cumulative share s has r ≤ ⌊count × s⌋, in exact
    decimal; the last class listed takes the rest (Chaohu 2021: 120 at 20/45/30/5 → 24/54/36/6).
    """
    letters = [letter for letter, _ in shares]
    cumulative, limits = Decimal(0), []
    for _, share in shares:
        cumulative += share
        limits.append(int((count * cumulative).to_integral_value(ROUND_FLOOR)))
    limits[-1] = count
    ranks = np.arange(1, count + 1)
    slot = np.searchsorted(np.array(limits), ranks, side="left")
    index = np.array([CLASSES.index(letter) for letter in letters])
    return index[slot]


def class_by_thresholds(total_units: np.ndarray, thresholds, decimals: int) -> np.ndarray:
    """The first class whose threshold ≤ total, else D; compared in exact units."""
    result = np.full(total_units.shape, CLASSES.index("D"))
    for letter, low in reversed(thresholds):
        # total ≥ low  ⇔  units ≥ ⌈low × 10**decimals⌉, both sides integers.
        low_units = int((low.scaleb(decimals)).to_integral_value(ROUND_CEILING))
        result = np.where(total_units >= low_units, CLASSES.index(letter), result)
    return result


def apply_overrides(classes: np.ndarray, vetoed, protected, veto_class, protect_class):
    """§4 step 8, moving nobody else: vetoed → the worse of its class and ``veto_class``;
    protected and not vetoed → the better of its class and ``protect_class``."""
    result = classes.copy()
    if veto_class is not None:
        result = np.where(vetoed, np.maximum(result, CLASSES.index(veto_class)), result)
    if protect_class is not None:
        keep = protected & ~vetoed
        result = np.where(keep, np.minimum(result, CLASSES.index(protect_class)), result)
    return result


def surcharge_rate(letter: str, prior_d_years: int, schedule: dict) -> Decimal:
    """§4 step 9: D pays the entry for its consecutive year in D (the last one from then on);
    another class with a list pays its first entry; a class without a list pays 0."""
    rates = schedule.get(letter)
    if not rates:
        return Decimal(0)
    if letter == "D":
        return rates[min(prior_d_years, len(rates) - 1)]
    return rates[0]
