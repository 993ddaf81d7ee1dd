"""Cleaning of a published report, keeping a map back to the original offsets.

Every step takes a `Cleaned` and returns a new one. Each character of the cleaned text knows the
range of original characters it came from, so a span found in the cleaned text can be reported as
a slice of the text exactly as it was read (gold README: `text[span_start:span_end] == span`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

CJK = "\u3400-\u9fff\uf900-\ufaff"


@dataclass(frozen=True)
class Cleaned:
    """A cleaned text; `starts[i]`/`ends[i]` bound the original characters behind `text[i]`."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def identity(cls, text: str) -> Cleaned:
        return cls(text, tuple(range(len(text))), tuple(range(1, len(text) + 1)))

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) behind the cleaned slice [start, end)."""
        if end <= start:
            pos = (
                self.starts[start]
                if start < len(self.starts)
                else (self.ends[-1] if self.ends else 0)
            )
            return pos, pos
        return self.starts[start], max(self.ends[start:end])


def substitute(
    c: Cleaned, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str | None]
) -> Cleaned:
    """Replace every match of `pattern` by `repl(match)` (None keeps the match unchanged).

    A replacement of the same length maps character by character; any other replacement maps
    every new character to the whole original range of the match, so spans stay inside it.
    """
    text, starts, ends = [], [], []
    last = 0
    for m in pattern.finditer(c.text):
        new = repl(m)
        if new is None:
            continue
        a, b = m.span()
        text.append(c.text[last:a])
        starts.extend(c.starts[last:a])
        ends.extend(c.ends[last:a])
        if len(new) == b - a:
            starts.extend(c.starts[a:b])
            ends.extend(c.ends[a:b])
        elif new:
            lo, hi = c.starts[a], max(c.ends[a:b])
            starts.extend([lo] * len(new))
            ends.extend([hi] * len(new))
        text.append(new)
        last = b
    if last == 0 and not text:
        return c
    text.append(c.text[last:])
    starts.extend(c.starts[last:])
    ends.extend(c.ends[last:])
    return Cleaned("".join(text), tuple(starts), tuple(ends))


# --- mis-encoded quotation marks ------------------------------------------------------------
# Pages re-saved through a broken GBK pipeline lose the lead byte 0xA1 of “ or ” (it becomes
# "!"), so its trail byte pairs with the next byte and the following characters decode shifted
# (`!耙粎^四園”` for `“一區四園”`). Restoring the lead byte and decoding again repairs the run.
_MOJIBAKE = re.compile(rf"!([{CJK}\x40-\x7e]{{2,60}})")


def _gbk_misaligned(run: str) -> bool:
    # A real sentence after "!" is GB2312 text; a shifted run shows ASCII letters used as trail
    # bytes or characters outside GB2312 (lead or trail byte below 0xA1).
    for ch in run:
        if ch.isascii():
            return True
        try:
            b = ch.encode("gbk")
        except UnicodeEncodeError:
            return False
        if len(b) == 2 and (b[0] < 0xA1 or b[1] < 0xA1):
            return True
    return False


def _repair_run(m: re.Match[str]) -> str | None:
    run = m.group(1)
    if not _gbk_misaligned(run):
        return None
    for cut in range(len(run), 1, -1):
        try:
            raw = run[:cut].encode("gbk")
        except UnicodeEncodeError:
            continue
        if raw[0] not in (0xB0, 0xB1):
            return None
        try:
            fixed = (b"\xa1" + raw).decode("gbk")
        except UnicodeDecodeError:
            continue
        if any(ch.isascii() for ch in fixed):
            continue
        return fixed + run[cut:]
    return None


def repair_mojibake(c: Cleaned) -> Cleaned:
    return substitute(c, _MOJIBAKE, _repair_run)


# --- inserted pinyin ------------------------------------------------------------------------
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_SYLLABLE = re.compile(
    rf"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouv{_TONED}]+(?:ng|n|r)?", re.IGNORECASE
)
_PINYIN_NOTE = re.compile(rf"(?<=[{CJK}])\(([a-z{_TONED}]{{1,7}})\)")
# The same annotation whose character and "(" were lost to a "?" (`洽談?wù)猩添`).
_BROKEN_NOTE = re.compile(rf"\?([a-z{_TONED}]{{1,7}})\)")


def _drop_pinyin(m: re.Match[str]) -> str | None:
    return "" if _SYLLABLE.fullmatch(m.group(1)) else None


def remove_pinyin(c: Cleaned) -> Cleaned:
    """`項(xiàng)目` → `項目`: drop pinyin annotations inserted after characters."""
    c = substitute(c, _PINYIN_NOTE, _drop_pinyin)
    return substitute(c, _BROKEN_NOTE, _drop_pinyin)


# --- traditional → simplified ---------------------------------------------------------------
@lru_cache(maxsize=1)
def _converter():
    import opencc  # compiled library: loaded only when a text is converted

    return opencc.OpenCC("t2s")


_LINE = re.compile(r"[^\n]+")


def _t2s_line(m: re.Match[str]) -> str | None:
    line = m.group(0)
    if line.isascii():
        return None
    out = _converter().convert(line)
    if len(out) != len(line):
        # phrase conversion changed the length: convert character by character to keep the map
        out = "".join(
            _converter().convert(ch) if len(_converter().convert(ch)) == 1 else ch for ch in line
        )
    return None if out == line else out


def to_simplified(c: Cleaned) -> Cleaned:
    if c.text.isascii():
        return c
    whole = _converter().convert(c.text)
    if len(whole) == len(c.text):
        # the usual case: character for character, so the offset map is unchanged
        return Cleaned(whole, c.starts, c.ends)
    return substitute(c, _LINE, _t2s_line)


# --- full-width forms -----------------------------------------------------------------------
_FULLWIDTH = re.compile("[\uff01-\uff5e\u3000\u2014\u2015\u2013\u2212\uff5e\u301c]")
_DASHES = {"\u2014": "-", "\u2015": "-", "\u2013": "-", "\u2212": "-", "\u301c": "~"}


def _narrow(m: re.Match[str]) -> str:
    ch = m.group(0)
    if ch == "\u3000":
        return " "
    if ch in _DASHES:
        return _DASHES[ch]
    return chr(ord(ch) - 0xFEE0)


def normalise_width(c: Cleaned) -> Cleaned:
    """`１２．５％，` → `12.5%,`; dashes and the ideographic space to ASCII."""
    return substitute(c, _FULLWIDTH, _narrow)


# --- numbers broken by spaces and line breaks -----------------------------------------------
_UNIT_START = "万亿元美千百个家宗只项户次批条亩天%"
_BROKEN_NUMBER = re.compile(
    rf"(?<=[\d.])[ \t]+(?=[\d.{_UNIT_START}])"  # 3 .5, 12 亿元
    rf"|(?<=[{CJK},:;、])[ \t]+(?=\d)"  # 产值 7亿元
    rf"|(?<=\d)[ \t]*\n[ \t]*(?=\.\d|[{_UNIT_START}])"  # 3.5\n亿美元
    rf"|(?<=\d\.)[ \t]*\n[ \t]*(?=\d)"  # 3.\n5
)


def join_numbers(c: Cleaned) -> Cleaned:
    return substitute(c, _BROKEN_NUMBER, lambda m: "")


# --- words broken by spaces, symbols dropped into words, doubled signs ----------------------
# PDF and document-site text breaks lines inside words (`工作部 署`, `同 比下降 15%`, `2020 年度`);
# Chinese prose puts no space between characters, so a space between two characters (or a
# character and a digit) is a lost line break, never a word boundary.
_BROKEN_WORD = re.compile(rf"(?<=[{CJK}])[ \t]+(?=[{CJK}\d])|(?<=\d)[ \t]+(?=[{CJK}])")
# spam mirrors drop symbols into words (`规上工♂业`, `企『业`, `肥∩西`); symbols, arrows and
# bopomofo between two characters or a character and a digit are read past
_SYMBOL = re.compile(
    rf"(?<=[{CJK}\d])[\u2190-\u21ff\u2200-\u22ff\u2300-\u23ff\u2500-\u25ff\u2600-\u27bf"
    rf"\u3100-\u312f\u300e\u300f\u3016\u3017\u2605\u2606]+ *(?=[{CJK}\d])"
)
_DOUBLED = re.compile(r"%%|,,|,、|、,")


def _single(m: re.Match[str]) -> str:
    return m.group(0)[0] if m.group(0) != ",、" else "、"


def join_words(c: Cleaned) -> Cleaned:
    c = substitute(c, _SYMBOL, lambda m: "")
    c = substitute(c, _BROKEN_WORD, lambda m: "")
    return substitute(c, _DOUBLED, _single)


# --- navigation, footers, spam and repeated paragraphs --------------------------------------
_NOISE_MARKERS = re.compile(
    r"版权|侵权|转载|ICP|备案|热线|爆料|稿件请投|客服|微信|扫码|公众号|来源[:：]|编辑[:：]|作者[:：]"
    r"|上一篇|下一篇|相关新闻|相关推荐|延伸阅读|返回顶部|网友留言|评论\(|字体[:：]|登录|注册"
    r"|首\s*页|举报|试读结束|查阅全文|https?:|www\.|\.com|@|QQ|GMT|联系方式|意见反馈|主办"
)
_NAV_LINE = re.compile(r"^\s*(?:[·•>»]|\[|【)|\|.*\||--.*--")
_MAX_NOISE_LINE = 160
_MIN_REPEAT = 30


def _is_noise(line: str) -> bool:
    s = line.strip()
    if not s:
        return False
    if _NAV_LINE.search(s) and len(s) < _MAX_NOISE_LINE * 2:
        return True
    return bool(_NOISE_MARKERS.search(s)) and len(s) < _MAX_NOISE_LINE


def drop_noise(c: Cleaned) -> Cleaned:
    """Drop navigation, footer and spam lines and any paragraph already seen on the page."""
    seen: set[str] = set()

    def judge(m: re.Match[str]) -> str | None:
        line = m.group(0)
        key = re.sub(r"\s+", "", line)
        if _is_noise(line):
            return ""
        if len(key) >= _MIN_REPEAT:
            if key in seen:
                return ""
            seen.add(key)
        return None

    return substitute(c, _LINE, judge)


STEPS = (
    repair_mojibake,
    remove_pinyin,
    to_simplified,
    normalise_width,
    drop_noise,
    join_numbers,
    join_words,
)


def clean(text: str) -> Cleaned:
    """Run every cleaning step in order on `text`."""
    c = Cleaned.identity(text)
    for step in STEPS:
        c = step(c)
    return c


def strip_pinyin(text: str) -> str:
    """The text with inserted pinyin removed and nothing else changed (for `indicator`, `unit`)."""
    return remove_pinyin(Cleaned.identity(text)).text
