"""The scorer on hand-made cases: aliases, same_as pairs, excluded spans, out-of-table keys."""

from mujun.reader.text.score import GoldDoc, score_doc


def _fact(n, **kw):
    base = {
        "type": "fact",
        "n": n,
        "region": "沈蕩鎮",
        "period_start": "2017-01",
        "period_end": "2017-12",
        "key": "industrial_output",
        "scope": None,
        "value": 5_658_000_000,
        "yoy_pct": 17.49,
        "is_target": False,
        "same_as": None,
        "span_start": 10,
        "span_end": 20,
    }
    base.update(kw)
    return base


DOC = {
    "type": "doc",
    "id": "t",
    "regions": [{"name": "沈蕩鎮", "aliases": ["全鎮", "沈荡镇"]}],
    "excluded": [{"span": "x", "span_start": 100, "span_end": 120, "reason": "single project"}],
}


def test_alias_and_script_match():
    gold = GoldDoc(DOC, [_fact(1)])
    s = score_doc(gold, [_fact(1, region="全镇")])
    assert (s.tp, s.fp, s.fn) == (1, 0, 0)


def test_wrong_value_is_a_false_positive_and_a_miss():
    gold = GoldDoc(DOC, [_fact(1)])
    s = score_doc(gold, [_fact(1, value=1)])
    assert (s.tp, s.fp, s.fn) == (0, 1, 1)
    assert s.f1 == 0


def test_same_as_pair_counts_once_and_either_value_satisfies():
    gold = GoldDoc(DOC, [_fact(1, value=2_067_000_000), _fact(2, value=2_067_130_000, same_as=1)])
    only_table = score_doc(gold, [_fact(9, value=2_067_130_000)])
    assert (only_table.tp, only_table.fp, only_table.fn) == (1, 0, 0)
    both = score_doc(gold, [_fact(8, value=2_067_000_000), _fact(9, value=2_067_130_000)])
    assert (both.tp, both.fp, both.fn) == (1, 0, 0)


def test_excluded_span_and_unknown_key_are_ignored():
    gold = GoldDoc(DOC, [_fact(1)])
    extracted = [
        _fact(1),
        _fact(2, key="fixed_asset_investment", span_start=110, span_end=130),
        _fact(3, key="households_relocated"),
    ]
    s = score_doc(gold, extracted)
    assert (s.tp, s.fp, s.fn) == (1, 0, 0)


def test_filling_in_an_unknown_year_is_wrong():
    gold = GoldDoc(DOC, [_fact(1, period_start="????-01", period_end="????-05")])
    s = score_doc(gold, [_fact(1, period_start="2014-01", period_end="2014-05")])
    assert (s.tp, s.fp, s.fn) == (0, 1, 1)


def test_scope_must_match():
    gold = GoldDoc(DOC, [_fact(1, scope="园区")])
    assert score_doc(gold, [_fact(1, scope="園區")]).tp == 1
    assert score_doc(gold, [_fact(1, scope=None)]).tp == 0


def test_float_tolerance():
    gold = GoldDoc(DOC, [_fact(1, value=195_000_000)])
    assert score_doc(gold, [_fact(1, value=1.95 * 1e8)]).tp == 1


def test_precision_recall_f1():
    gold = GoldDoc(DOC, [_fact(1), _fact(2, key="gdp")])
    s = score_doc(gold, [_fact(1), _fact(3, key="tax_revenue")])
    assert (s.precision, s.recall, s.f1) == (0.5, 0.5, 0.5)
