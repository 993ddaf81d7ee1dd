"""Region names in a report: the region it is about, the words it calls itself by, sub-regions.

A report of this genre is about one town, street, zone, county or district. It names itself by
a proper name (稠江街道, 萍乡经开区), a short form (沈荡, 肥西) or a self-reference (全县, 我镇,
该区, 本区, 某街道, a bare 园区); a clause may start with another region (`拱辰办实现产值…`,
`其中,肥西经开区完成…`) whose figures are that region's.

Proper names are recognised, not guessed: towns and streets must be in the gazetteer
(`gazetteer.py`), counties and cities too (or their short forms); a zone or park is a place stem
plus a zone suffix (萍乡经开区, 碧江高新区), or any name with a suffix that never stands alone
(柏堰科技园, 新港工业园) at the start of a clause, or a name the text repeats.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .gazetteer import Gazetteer, gazetteer

TOWN, ZONE, COUNTY, CITY = 0, 1, 2, 3

# suffixes a zone is called by alone (`园区实现…`): the text's own name for itself
_BARE_ZONE = (
    "经济技术开发区",
    "经济开发区",
    "高新技术产业开发区",
    "经开区",
    "高新区",
    "开发区",
    "园区",
)
# suffixes that need a name before them (`柏堰科技园`)
_NAMED_ZONE = ("工业园区", "工业园", "科技园", "产业园", "工业集中区", "工业区", "新区", "园")
_ZONE_SUFFIX = "|".join(sorted(_BARE_ZONE + _NAMED_ZONE, key=len, reverse=True))
_SELF_SUFFIX = rf"街道|镇|乡|县|区街|区|市|{_ZONE_SUFFIX}"
_SELF = re.compile(rf"(?:全|我|该|本|某)(?P<suffix>{_SELF_SUFFIX})")
# X本级: the region's own level without its sub-regions (区本级)
_OWN_LEVEL = re.compile(r"(?:区|县|市)本级")
# 三大园区: a group of the text's parks, named by their number
_GROUP = re.compile(r"[两二三四五六七八九十]大(?:园区|开发区|平台|片区|功能区)")
_BOUNDARY = set(" \t\n,.;:!?、。()“”\"'|《》[]")
_NAME_CHARS = re.compile(r"[\u4e00-\u9fff]{1,8}")
# words of the economy that happen to be place stems somewhere (工业街道, 高新镇)
_GENERIC_STEMS = frozenset({"工业", "高新", "新区", "开发", "经济", "城区", "园区", "科技", "产业"})
# a qualifier after a region name makes another region (`我区(包括铜仁高新区)`)
_QUALIFIED = re.compile(r"[^,;。\d]{0,6}?(\((?:包括|含|不含|除)[^()]{1,20}\))")


def family(name: str) -> str:
    """The suffix that says what kind of unit a name is (镇, 街道, 县, 区, 市, zone)."""
    for suf in ("街道", "区街"):
        if name.endswith(suf):
            return "街道" if suf == "街道" else "zone"
    for suf in sorted(_BARE_ZONE + _NAMED_ZONE, key=len, reverse=True):
        if name.endswith(suf):
            return "zone"
    if name.endswith("办"):
        return "街道"
    return name[-1:] if name else ""


def level(name: str) -> int:
    f = family(name)
    if f in ("街道", "镇", "乡"):
        return TOWN
    if f == "zone":
        return ZONE
    return CITY if f == "市" else COUNTY


@dataclass(frozen=True)
class Mention:
    name: str
    start: int
    end: int
    kind: str  # self, proper, short, group, own_level, bare_zone


def _after_boundary(text: str, i: int) -> bool:
    return i == 0 or text[i - 1] in _BOUNDARY or text[i - 1] in "年月日份来讯"


def _proper_before(text: str, end: int, suffix: str, g: Gazetteer) -> Mention | None:
    """The proper name ending at `end` with `suffix` (the longest the gazetteer knows)."""
    s = end - len(suffix)
    for n in range(6, 0, -1):
        a = s - n
        if a < 0:
            continue
        stem = text[a:s]
        if not _NAME_CHARS.fullmatch(stem):
            continue
        name = stem + suffix
        if suffix in ("镇", "乡", "街道"):
            ok = n >= 2 and g.is_town(name)
        elif suffix == "办":
            ok = n >= 2 and g.is_town(stem + "街道")
        elif suffix in ("县", "区", "市"):
            ok = name != "市辖区" and (name in g.counties or name in g.cities or name in g.written)
            ok = ok and (n >= 2 or _after_boundary(text, a))
        else:
            ok = (g.is_stem(stem) and stem not in _GENERIC_STEMS) or g.is_place(stem)
        if ok:
            return Mention(name, a, end, "proper")
    return None


# 区域, 区间 and 市场 are words, not the end of a name
_SUFFIX_RE = re.compile(
    rf"(?:(?:{_ZONE_SUFFIX}|街道|镇|乡|县)|区(?![域间块位别])|市(?![场民值])|办(?![公事法理]))"
)


def find_mentions(text: str) -> list[Mention]:
    """Every region mention: self-references, proper names, groups, in text order."""
    g = gazetteer()
    out: list[Mention] = []
    taken: set[int] = set()

    def add(m: Mention) -> None:
        if any(i in taken for i in range(m.start, m.end)):
            return
        taken.update(range(m.start, m.end))
        out.append(m)

    for m in _OWN_LEVEL.finditer(text):
        add(Mention(m.group(0), m.start(), m.end(), "own_level"))
    for m in _GROUP.finditer(text):
        add(Mention(m.group(0), m.start(), m.end(), "group"))
    for m in _SELF.finditer(text):
        if m.group("suffix") == "区" and text.startswith("区", m.end()):
            continue
        add(Mention(m.group(0), m.start(), m.end(), "self"))
    named_zone_counts: Counter[str] = Counter()
    for m in _SUFFIX_RE.finditer(text):
        suffix = m.group(0)
        found = _proper_before(text, m.end(), suffix, g)
        if found is not None:
            add(found)
            continue
        if suffix in _BARE_ZONE or suffix in _NAMED_ZONE:
            stem_m = re.search(r"[\u4e00-\u9fff]{2,4}$", text[max(0, m.start() - 4) : m.start()])
            if stem_m is not None:
                a = m.start() - len(stem_m.group(0))
                for k in range(a, m.start() - 1):
                    if _after_boundary(text, k) and text[k : m.start()] not in _GENERIC_STEMS:
                        named_zone_counts[text[k : m.end()]] += 1
                        if suffix in _NAMED_ZONE and suffix != "园":
                            add(Mention(text[k : m.end()], k, m.end(), "proper"))
                        break
            if suffix in _BARE_ZONE and _after_boundary(text, m.start()):
                add(Mention(suffix, m.start(), m.end(), "bare_zone"))
    # a zone name the text repeats at clause starts is a name, whatever its stem (稀土高新区)
    for name, n in named_zone_counts.items():
        if n >= 2:
            for m in re.finditer(re.escape(name), text):
                add(Mention(name, m.start(), m.end(), "proper"))
    # short forms of the proper names found (沈荡 for 沈荡镇, 肥西 for 肥西县)
    for name in {m.name for m in out if m.kind == "proper"}:
        full = g.written.get(name, name)
        short = g.short.get(full) or re.sub(rf"(?:{_SELF_SUFFIX}|办)$", "", name)
        if len(short) >= 2 and short != name:
            for m in re.finditer(re.escape(short), text):
                if _after_boundary(text, m.start()) and not _SUFFIX_RE.match(text, m.end()):
                    add(Mention(name, m.start(), m.end(), "short"))
    out.sort(key=lambda m: m.start)
    return out


@dataclass
class Regions:
    """The region a text is about (`main`) and how a clause's subject names a region."""

    main: str | None
    main_family: str | None
    mentions: list[Mention] = field(default_factory=list)
    aliases: frozenset[str] = frozenset()

    def is_main(self, name: str) -> bool:
        return name == self.main or name in self.aliases

    def __post_init__(self) -> None:
        self._at = {m.start: m for m in self.mentions}

    def at(self, text: str, pos: int, end: int) -> str | None:
        """The region named by a mention starting at `pos` (None: no mention there)."""
        m = self._at.get(pos)
        if m is None or m.end > end:
            return None
        q = _QUALIFIED.match(text, m.end)
        if q is not None:
            # the qualified unit is another region, named as the text writes it
            return text[m.start : m.end] + q.group(1)
        own = (
            (m.kind == "self" and (family(m.name) == self.main_family or m.name in self.aliases))
            or (m.kind == "bare_zone" and self.is_main(m.name))
            or (m.kind in ("proper", "short") and self.is_main(m.name))
        )
        return self.main if own else m.name


def _qualifying(text: str, i: int) -> bool:
    """A mention inside brackets or after 包括/含/除 qualifies another region; it does not count."""
    open_ = text.rfind("(", max(0, i - 20), i)
    if open_ >= 0 and text.find(")", open_, i) < 0:
        return True
    return bool(re.search(r"(?:包括|含|除)$", text[max(0, i - 2) : i]))


def find_regions(text: str) -> Regions:
    """The region a report is about.

    Every mention counts for its unit: a proper name with its short forms and the
    self-references of its kind (全县 and 我县 count for the county the text names). The unit
    named most wins, the lower level on a tie (a town's report names its county too). The text
    calls that unit by its proper name when it names it in its opening or repeatedly, else by
    its most frequent self-reference (`全县`), which is what the gold lists as aliases.
    """
    mentions = find_mentions(text)
    counted = [m for m in mentions if not _qualifying(text, m.start)]
    # self-references by kind (全县 and 我县 under 县); a bare zone word is a kind of its own
    # (经开区 and 高新区 in a district's report are two zones)
    self_words: dict[str, Counter[str]] = {}
    proper: Counter[str] = Counter()
    first: dict[str, int] = {}
    for m in counted:
        if m.kind in ("self", "bare_zone"):
            fam = m.name if m.kind == "bare_zone" else family(m.name)
            self_words.setdefault(fam, Counter())[m.name] += 1
        elif m.kind in ("proper", "short"):
            proper[m.name] += 1
            first.setdefault(m.name, m.start)
    if not self_words and not proper:
        # a park that never starts a clause with its name (`按照园区产业定位`) still calls
        # itself 园区
        bare = Counter(m.group(0) for m in re.finditer("|".join(_BARE_ZONE), text))
        if bare:
            word = bare.most_common(1)[0][0]
            return Regions(word, word, mentions, frozenset({word}))
    units = {(fam, ""): sum(words.values()) for fam, words in self_words.items()}
    # a name the text repeats, or gives in its title or first sentence, is the text's own
    m = re.search(r"[。!?]", text)
    opening = m.end() if m else len(text)
    confident = {n for n, c in proper.items() if c >= 2 or first[n] < opening}
    county_qu = any(family(n) == "区" for n in confident)

    def merge(into: tuple[str, str], fam: str) -> None:
        if (fam, "") in units and into != (fam, ""):
            units[into] += units.pop((fam, ""))
            self_words.setdefault(into[0], Counter()).update(self_words.pop(fam, Counter()))

    for name, n in proper.items():
        fam = family(name)
        units[(fam, name)] = n
        if name not in confident:
            continue
        merge((fam, name), fam)
        if fam == "zone":
            # 萍乡经开区 is also the text's 经开区; 该区, 全区 are a zone's own words when the
            # text names no district
            for word in [w for w in list(self_words) if w in _BARE_ZONE and name.endswith(w)]:
                merge((fam, name), word)
            if name.endswith("区") and not county_qu:
                merge((fam, name), "区")
    # a bare 经开区 that the text names as often as 全区 is the text itself; named less, it
    # is a zone inside the district (区本级, 经开区, 新区)
    bare = sorted((u for u in units if u[0] in _BARE_ZONE and not u[1]), key=lambda u: -units[u])
    if bare and ("区", "") in units and not county_qu and units[bare[0]] >= units[("区", "")]:
        merge(bare[0], "区")
    if not units:
        return Regions(None, None, mentions)

    def rank(u: tuple[str, str]) -> tuple[int, bool, int]:
        # most named; then named in the opening (鎮海區 over the 澥浦鎮 of a later 其中); then
        # the lower level (a town's report names its county too)
        fam, name = u
        lv = (
            level(name)
            if name
            else (ZONE if fam in _BARE_ZONE or fam == "zone" else level("x" + fam))
        )
        return units[u], (not name) or name in confident, -lv

    fam, name = max(units, key=rank)
    words = self_words.get(fam, Counter())
    aliases = set(words)
    if name:
        aliases.add(name)
        short = gazetteer().short.get(name)
        if short:
            aliases.add(short)
    main = name if name and proper[name] else (words.most_common(1)[0][0] if words else name)
    return Regions(main, fam, mentions, frozenset(aliases))
