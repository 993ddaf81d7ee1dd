"""Chinese administrative divisions down to towns and streets, from JioNLP's location data.

JioNLP (`jionlp`, Apache-2.0) ships `dictionary/china_location.zip`: every province, city and
county with its GB/T 2260 code and short form (`嘉定区 … 嘉定`), and under each county its towns,
townships and streets (`华亭镇`, `嘉定镇街道`) and villages. cpca stops at counties and jieba's
place-name tag marks any word that looks like a place, so only JioNLP lets the reader tell a real
town (`西天尾镇`) from a phrase that merely ends in 镇 (`生态型村镇`).

The file is read directly (importing `jionlp` would load its whole toolkit): the first use in a
process costs about 0.2 s; villages are skipped.
"""

from __future__ import annotations

import importlib.util
import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_LINE = re.compile(r"^(\t{0,3})([^\t\r\n]+)(?:\t\d+\t([^\t\r\n]+))?", re.M)
_TOWN_SUFFIX = re.compile(r"(?:街道办事处|街道|镇|乡)$")


@dataclass(frozen=True)
class Gazetteer:
    """Names by level. `short` maps a county, city or province to its short form (嘉定区 → 嘉定)."""

    towns: frozenset[str]
    counties: frozenset[str]
    cities: frozenset[str]
    provinces: frozenset[str]
    short: dict[str, str]
    stems: frozenset[str]
    # 维西县 for 维西傈僳族自治县: a short form with the kind of unit written after it
    written: dict[str, str]

    def is_town(self, name: str) -> bool:
        return name in self.towns

    def is_county(self, name: str) -> bool:
        return name in self.counties

    def is_place(self, name: str) -> bool:
        """A full name of any level (镇, 街道, 县, 区, 市, 省)."""
        return (
            name in self.towns
            or name in self.counties
            or name in self.cities
            or name in self.provinces
            or name in self.written
        )

    def is_stem(self, stem: str) -> bool:
        """A place name without its suffix (萍乡, 肥西, 新港): what a zone is named after."""
        return stem in self.stems


def data_file() -> Path:
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("jionlp is not installed: pip install jionlp (see pyproject.toml)")
    return Path(next(iter(spec.submodule_search_locations))) / "dictionary" / "china_location.zip"


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    with zipfile.ZipFile(data_file()) as z:
        raw = z.read("china_location.txt").decode("utf-8")
    towns, counties, cities, provinces = set(), set(), set(), set()
    short: dict[str, str] = {}
    by_level = (provinces, cities, counties, towns)
    for m in _LINE.finditer(raw):
        level, name, abbr = len(m.group(1)), m.group(2).strip(), m.group(3)
        by_level[level].add(name)
        if abbr and abbr != name:
            short[name] = abbr
    stems = set(short.values())
    for t in towns:
        stem = _TOWN_SUFFIX.sub("", t)
        if len(stem) >= 2:
            stems.add(stem)
    # a province's short form alone (浙, 川) is no stem; 2 characters at least
    stems = {s for s in stems if len(s) >= 2}
    written = {}
    for name, abbr in short.items():
        kind = name[-1]
        if kind in "县区市旗" and len(abbr) >= 2 and abbr + kind != name:
            written[abbr + kind] = name
    return Gazetteer(
        frozenset(towns),
        frozenset(counties),
        frozenset(cities),
        frozenset(provinces),
        short,
        frozenset(stems),
        written,
    )
