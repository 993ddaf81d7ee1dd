"""Each cleaning step, and that its offset map points back at the original characters."""

from mujun.reader.text.clean import (
    Cleaned,
    clean,
    drop_noise,
    join_numbers,
    normalise_width,
    remove_pinyin,
    repair_mojibake,
    strip_pinyin,
    to_simplified,
)


def _orig(c: Cleaned, original: str, start: int, end: int) -> str:
    a, b = c.original_span(start, end)
    return original[a:b]


def test_pinyin_after_characters_is_removed_and_maps_back():
    text = "完成項(xiàng)目投資(zī)5個(gè)"
    c = remove_pinyin(Cleaned.identity(text))
    assert c.text == "完成項目投資5個"
    i = c.text.index("目")
    assert _orig(c, text, i, i + 1) == "目"
    assert _orig(c, text, 0, len(c.text)) == "完成項(xiàng)目投資(zī)5個"


def test_parentheses_that_are_not_pinyin_stay():
    text = "中国江西网(djwpxpd)和(商会)"
    assert remove_pinyin(Cleaned.identity(text)).text == text


def test_pinyin_whose_character_was_lost_is_removed():
    assert strip_pinyin("洽談?wù)猩添?xiàng)目") == "洽談猩添目"


def test_traditional_to_simplified_keeps_offsets():
    text = "規上工業總產值44.5億元"
    c = to_simplified(Cleaned.identity(text))
    assert c.text == "规上工业总产值44.5亿元"
    i = c.text.index("亿")
    assert _orig(c, text, i, i + 2) == "億元"


def test_full_width_digits_and_punctuation_are_narrowed():
    text = "增长１２．５％，完成"
    c = normalise_width(Cleaned.identity(text))
    assert c.text == "增长12.5%,完成"
    assert _orig(c, text, 2, 7) == "１２．５％"


def test_numbers_broken_by_spaces_and_line_breaks_are_joined():
    text = "实际利用外资3.5\n亿美元,产值 7亿元、增幅 40%"
    c = join_numbers(Cleaned.identity(text))
    assert c.text == "实际利用外资3.5亿美元,产值7亿元、增幅40%"
    i = c.text.index("3.5")
    assert _orig(c, text, i, i + 6) == "3.5\n亿美元"


def test_line_break_between_separate_lines_is_kept():
    c = join_numbers(Cleaned.identity("2017年\n招商选资"))
    assert c.text == "2017年\n招商选资"


def test_navigation_footer_and_repeated_paragraphs_are_dropped():
    para = "1至5月,全区完成财政总收入17.9亿元,同比增长8.8%,完成规上工业总产值326亿元。"
    text = f"首 页 | 新闻频道 | 今日嵊州 |\n{para}\n新闻热线:0799-6321110\n{para}\n上一篇 2022年4月30日"
    c = drop_noise(Cleaned.identity(text))
    assert c.text.count("财政总收入") == 1
    assert "热线" not in c.text and "首 页" not in c.text and "上一篇" not in c.text
    i = c.text.index("财政")
    assert _orig(c, text, i, i + 5) == "财政总收入"
    assert c.original_span(i, i + 1)[0] == text.index("财政")


def test_misencoded_quotation_run_is_decoded():
    text = "打造!耙粎^四園”格局"
    c = repair_mojibake(Cleaned.identity(text))
    assert c.text == "打造“一區四園”格局"
    # the repaired characters point inside the damaged run, never outside it
    a, b = c.original_span(2, 8)
    assert text[a:b] == "!耙粎^四園”"


def test_plain_exclamation_before_chinese_is_not_touched():
    text = "太好了!我们完成了任务"
    assert repair_mojibake(Cleaned.identity(text)).text == text


def test_clean_runs_all_steps_and_every_char_maps_into_the_original():
    text = "今年1-5月,街道實(shí)現(xiàn)規上工業總產值４４．５億元\n版权所有 浙ICP备05017992号"
    c = clean(text)
    assert c.text.startswith("今年1-5月,街道实现规上工业总产值44.5亿元")
    assert "ICP" not in c.text
    assert len(c.starts) == len(c.ends) == len(c.text)
    assert all(0 <= a < b <= len(text) for a, b in zip(c.starts, c.ends, strict=True))
    assert list(c.starts) == sorted(c.starts)
