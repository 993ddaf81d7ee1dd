"""Region names in a report: the region it is about and the generic ways it names itself.

A report of this genre is about one town, street or zone (稠江街道, 萍乡经开区); it names itself
by its proper name, a short form (沈荡 for 沈荡镇) or a generic word (全镇, 该区, 我镇). Figures
belong to that region unless a clause starts with another proper region name (a sub-region).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_TOWN_SUFFIX = r"街道|经济技术开发区|经济开发区|高新技术产业开发区|经开区|高新区|开发区|工业园区|园区|新区|镇|乡"
_COUNTY_SUFFIX = r"县|区|市"
# a proper name is 2-4 characters before the suffix, at the start of a clause
_BOUNDARY = r"(?:(?<=^)|(?<=[\s,.;:!?、。()“”\"'|年来月份后]))"
_NAME = re.compile(
    rf"{_BOUNDARY}(?P<name>(?P<stem>[\u4e00-\u9fff]{{2,4}}?)(?P<suffix>{_TOWN_SUFFIX}|{_COUNTY_SUFFIX}))"
)
_SUFFIX_ONLY = re.compile(r"(?:经济技术开发区|经济开发区|经开区|高新区|开发区)")
# stems that make a generic phrase, not a name
_BAD_STEM = re.compile(
    r"[全该我本各两第的和与及在是对为从向到把被将等一二三四五六七八九十省市县区镇乡]|工业|产业|城|辖|社|小|景|片"
    r"|试验|地|完成|实现|建设|打造|推进|引进|现有|园"
)
GENERIC = re.compile(r"^(?:全|该|我|本|辖)(?:街道|镇|乡|区|县|市|园区|开发区)$")


@dataclass(frozen=True)
class RegionFinder:
    main: str | None
    names: frozenset[str]

    def is_alias(self, word: str) -> bool:
        if GENERIC.match(word):
            return True
        return self.main is not None and (word == self.main or self.main.startswith(word))


def _level(name: str) -> int:
    return 0 if re.search(rf"(?:{_TOWN_SUFFIX})$", name) else 1


def candidates(text: str) -> list[tuple[str, int, int]]:
    """(name, start, level) for every proper region name at a clause start."""
    out = []
    for m in _NAME.finditer(text):
        if _BAD_STEM.search(m.group("stem")):
            continue
        out.append((m.group("name"), m.start(), _level(m.group("name"))))
    for m in _SUFFIX_ONLY.finditer(text):
        start = m.start()
        if start == 0 or re.match(r"[\s,.;:!?、。()“”\"'|年来月份后]", text[start - 1]):
            out.append((m.group(0), start, 0))
    return out


def find_regions(text: str) -> RegionFinder:
    """The region a report is about: the most named town-level unit, else county-level."""
    cands = candidates(text)
    if not cands:
        # no proper name: the text's own generic word (全县, 全区) is what the gold aliases list
        generic = Counter(re.findall(r"(?:全|该|我|本)(?:街道|镇|乡|区|县|市)", text))
        return RegionFinder(generic.most_common(1)[0][0] if generic else None, frozenset())
    counts: Counter[str] = Counter(name for name, _, _ in cands)
    # a short form counts for the long one it ends (经开区 → 萍乡经开区)
    for short in list(counts):
        for long in counts:
            if long != short and long.endswith(short):
                counts[long] += counts[short]
    # a stem alone (沈荡 for 沈荡镇) also names the region
    for name in counts:
        stem = re.sub(rf"(?:{_TOWN_SUFFIX}|{_COUNTY_SUFFIX})$", "", name)
        if len(stem) >= 2:
            counts[name] += len(
                re.findall(rf"{_BOUNDARY}{re.escape(stem)}(?!{_TOWN_SUFFIX})", text)
            )
    first = {}
    level = {}
    for name, pos, lv in cands:
        first.setdefault(name, pos)
        level[name] = lv
    main = min(counts, key=lambda n: (level[n], -counts[n], -len(n), first[n]))
    return RegionFinder(main, frozenset(counts))
