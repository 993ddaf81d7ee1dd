"""The gazetteer from JioNLP's data: real towns, streets, counties and their short forms."""

from mujun.reader.text.gazetteer import gazetteer
from mujun.reader.text.regions import find_mentions, find_regions


def test_towns_and_streets_are_known_by_their_full_names():
    g = gazetteer()
    assert g.is_town("稠江街道") and g.is_town("西天尾镇")
    assert not g.is_town("生态型村镇")


def test_counties_have_short_forms_and_written_forms():
    g = gazetteer()
    assert g.short["维西傈僳族自治县"] == "维西"
    assert g.is_place("维西县")  # the short form with 县, as reports write it
    assert g.is_stem("萍乡") and not g.is_stem("按照")


def test_self_references_and_proper_names_are_mentions():
    kinds = {(m.name, m.kind) for m in find_mentions("全县规上工业增加值增长8%,肥西经开区完成产值")}
    assert ("全县", "self") in kinds and ("肥西经开区", "proper") in kinds


def test_a_region_named_once_late_does_not_replace_the_self_reference():
    text = "全县经济运行平稳。全县工业增长较快。我县投资增长。总量首次超过肥东县。"
    assert find_regions(text).main in ("全县", "我县")


def test_a_zone_calls_its_district_words_its_own():
    text = "萍乡经开区做强工业。该区完成财政收入。全区工业投资增长。全市排名第一。"
    r = find_regions(text)
    assert r.main == "萍乡经开区" and "该区" in r.aliases


def test_every_key_has_a_chinese_name():
    from mujun.reader.text.key_names import KEY_NAMES
    from mujun.reader.text.lexicon import KEYS

    assert set(KEYS) <= set(KEY_NAMES)
    assert all(not n.isascii() for n in KEY_NAMES.values())
