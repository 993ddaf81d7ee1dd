"""The input columns of EVALUATION.md §2: identifiers, Chinese headers and kinds."""

import unicodedata

TEXT = "text"
NUMBER = "number"
FLAG = "flag"
COUNT = "count"  # a non-negative whole number

# identifier -> (Chinese header, kind), in the order of EVALUATION.md §2.
STANDARD = {
    "uscc": ("统一社会信用代码", TEXT),
    "name": ("企业名称", TEXT),
    "region": ("所在镇街", TEXT),
    "industry_code": ("行业代码", TEXT),
    "size_class": ("规模", TEXT),
    "land_mu": ("用地面积(亩)", NUMBER),
    "tax_wan": ("评价税收", NUMBER),
    "value_added_wan": ("工业增加值", NUMBER),
    "revenue_wan": ("营业收入", NUMBER),
    "rd_wan": ("研发经费支出", NUMBER),
    "energy_tce": ("综合能耗(吨标准煤)", NUMBER),
    "emission_t": ("主要污染物排放量(吨)", NUMBER),
    "employees": ("年平均职工人数", NUMBER),
    "electricity_wan_kwh": ("用电量(万千瓦时)", NUMBER),
    "prior_d_years": ("此前连续D类年数", COUNT),
}

# Amounts are "in 万元" (§2), and templates often say so in the header.
_WAN_COLUMNS = ("tax_wan", "value_added_wan", "revenue_wan", "rd_wan")

# Physical quantities cannot be negative; money can (value added of a loss-making year,
# tax after refunds), so only these are checked for sign.
NON_NEGATIVE = frozenset(
    {"land_mu", "energy_tce", "emission_t", "employees", "electricity_wan_kwh"}
)

# 规上 / 规下 and the long forms people type instead of the identifiers.
SIZE_CLASS_VALUES = {
    "above": "above",
    "below": "below",
    "规上": "above",
    "规下": "below",
    "规模以上": "above",
    "规模以下": "below",
}


def normalise_header(text: str) -> str:
    """Headers compare after NFKC (full-width brackets → ASCII), without blanks, lower case."""
    return "".join(unicodedata.normalize("NFKC", str(text)).split()).lower()


def standard_aliases() -> dict[str, str]:
    """Normalised header -> identifier for every standard column, both spellings."""
    aliases = {}
    for identifier, (chinese, _kind) in STANDARD.items():
        aliases[normalise_header(identifier)] = identifier
        aliases[normalise_header(chinese)] = identifier
    for identifier in _WAN_COLUMNS:
        aliases[normalise_header(STANDARD[identifier][0] + "(万元)")] = identifier
    return aliases
