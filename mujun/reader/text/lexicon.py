"""Indicator names of Chinese statistical reporting and their normalised keys.

The keys are those of the gold README's key tables (`KEYS`). Terms are regular expressions on
cleaned (simplified) text; a term applies only when the figure's base unit is one it allows, so
`签约项目5个` and `签约项目总投资` read differently. Projects are read by `project_phrase`: a verb
(签约, 开工, 入库 …) or a tier (省重点, 省大中型 …) plus the qualifier between them and 项目.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .key_names import KEY_NAMES

MONEY = frozenset({"yuan", "usd"})
YUAN = frozenset({"yuan"})
USD = frozenset({"usd", "yuan"})
COUNT = frozenset({"count"})
MU = frozenset({"mu"})

# (term, key, base units allowed)
_TERMS: list[tuple[str, str, frozenset[str]]] = [
    # output and value added
    (r"(?:规模以上|规上|规模)工业(?:企业)?总?产值", "industrial_output_above_size", YUAN),
    (r"(?:规模以上|规上)产值", "industrial_output_above_size", YUAN),
    (r"工业总产值", "industrial_output", YUAN),
    (r"(?:规模以上|规上)工业增加值", "industrial_value_added_above_size", YUAN),
    (r"(?:规模以上|规上)(?:工业)?销售产值", "sales_output_above_size", YUAN),
    (r"全部工业销售产值|全社会销售产值", "sales_output", YUAN),
    (r"(?:规模以上|规上)(?:工业)?出口交货值", "export_delivery_value_above_size", YUAN),
    (r"全社会出口(?:商品)?交货值|出口商品交货值", "export_delivery_value", YUAN),
    (r"新产品产值", "new_product_output", YUAN),
    (r"高新技术(?:产业)?产值", "high_tech_output", YUAN),
    (r"战略性新兴产业(?:总)?产值", "strategic_emerging_output", YUAN),
    (r"装备制造业?产值", "equipment_manufacturing_output", YUAN),
    (r"利润总额|实现利润", "profits_above_size", YUAN),
    (r"(?P<scope>规模工业|规上工业)?(?:工业)?应税销售(?:收入)?", "industrial_taxable_sales", YUAN),
    (r"服务业应税销售(?:收入)?", "services_taxable_sales", YUAN),
    (r"国税开票(?:销售)?(?:收入)?|(?P<scope>工业)开票销售(?:收入)?", "invoiced_sales", YUAN),
    (r"销售收入|营业收入|主营业务收入", "sales_revenue", YUAN),
    (r"工业用电量?", "industrial_electricity", frozenset({"kwh"})),
    # regional accounts, consumption, income, finance
    (r"(?:地区|国内)?生产总值|GDP(?:总量)?", "gdp", YUAN),
    (r"第一产业(?:实现|完成)?增加值", "primary_industry_value_added", YUAN),
    (r"第二产业(?:实现|完成)?增加值", "secondary_industry_value_added", YUAN),
    (r"第三产业(?:实现|完成)?增加值", "tertiary_industry_value_added", YUAN),
    (r"农林牧渔业?增加值|农业增加值", "agriculture_value_added", YUAN),
    (r"农业总产值|农林牧渔业?总产值", "agricultural_output", YUAN),
    (
        r"社会消费品?零售总额|社零总额"
        r"|(?P<scope>限上|限额以上)(?:企业|单位)?(?:实现)?(?:社会)?(?:消费品)?零售(?:总)?额",
        "retail_sales",
        YUAN,
    ),
    (r"城镇(?:常住)?居民人?均?可支配收入", "urban_income_per_capita", YUAN),
    # `城乡居民人均可支配收入分别达到…元、…元`: urban first, then rural (figures.py)
    (r"城乡居民人均可支配收入(?=分别)", "urban_income_per_capita", YUAN),
    (r"农民人均纯收入|农村(?:常住)?居民人均(?:纯|可支配)收入", "rural_income_per_capita", YUAN),
    (r"(?:金融机构)?(?:本外币)?(?:各项)?存款余额", "deposits_balance", YUAN),
    (r"(?:金融机构)?(?:本外币)?(?:各项)?贷款余额", "loans_balance", YUAN),
    (r"邮政业务总量", "postal_business_volume", YUAN),
    (r"(?:房地产|商品房)?销售面积", "real_estate_sales_area", frozenset({"m2"})),
    # fiscal
    (r"财政总收入|全口径财政收入|财政收入", "fiscal_revenue", YUAN),
    (r"一般公共预算收入|一般预算收入|公共财政预算收入", "general_budget_revenue", YUAN),
    (r"(?:区级|县级|市级)?地方财政收入", "local_fiscal_revenue", YUAN),
    (r"镇级?可支配财政收入", "town_disposable_fiscal_revenue", YUAN),
    (
        r"各项税收(?:总额)?|入库税收|税收(?:总)?收入|工商税收(?:入库)?|税收|税金",
        "tax_revenue",
        YUAN,
    ),
    (r"地方税收收入|地方税收", "local_tax_revenue", YUAN),
    # investment
    (
        r"(?P<scope>\d+万元以上)?(?:全社会)?固定资产(?:总)?投资(?:额|总额)?",
        "fixed_asset_investment",
        YUAN,
    ),
    (
        r"工业(?:有效|固定资产)?投资(?:总额)?|工业生产性投入|工业性投[入资]|工业(?:实际)?投入",
        "industrial_investment",
        YUAN,
    ),
    (r"(?:工业)?技改投资|技术改造投资", "tech_renovation_investment", YUAN),
    (r"服务业投资|服务业投入", "services_investment", YUAN),
    # 投资额 alone under a 固定资产投资 heading; project money takes precedence (PROJECT_MONEY)
    (r"投资额", "fixed_asset_investment", YUAN),
    (r"商贸业投资", "commerce_investment", YUAN),
    (r"房地产(?:开发)?投资", "real_estate_investment", YUAN),
    (r"(?P<scope>园区)?基础设施(?:建设)?(?:投资|投入)", "infrastructure_investment", YUAN),
    (r"农业投入|农业投资", "agricultural_investment", YUAN),
    (r"建安投资|建筑安装工程投资", "construction_installation_investment", YUAN),
    # foreign capital and trade
    (
        r"实际利用外资(?:金额)?|实际使用外资|实到外资|实际到账外资|利用外资|外资"
        r"|(?:外商)?实际到资额?|(?:实际)?利用境外资金",
        "foreign_capital_actual",
        USD,
    ),
    (r"合同(?:利用)?外资|(?:注册)?协议(?:利用)?外资(?:金额)?", "foreign_capital_contracted", USD),
    (r"现汇", "foreign_capital_cash", USD),
    # 出口 alone (`进出口总额…,其中出口28.3亿元`); 出口交货值 is longer and wins where written
    (r"外贸出口(?:总值|总额)?|出口总额|自营出口|出口额?", "exports", USD),
    (r"(?:外贸)?进出口总(?:额|值)|外贸", "foreign_trade_total", USD),
    # investment attraction
    (r"浙商回归(?:资金)?", "zheshang_return_funds", YUAN),
    (r"引进内资|内资到位", "domestic_capital_introduced", YUAN),
    (r"内资注册资金", "domestic_registered_capital", YUAN),
    (
        r"(?:实际|上报)?到位资金|实际进资|资金到位|实到资金"
        r"|(?:实际)?(?:利用|引进)?(?:到位)?(?P<scope>省外|市外|州外|县外)资金",
        "funds_in_place",
        YUAN,
    ),
    (r"境内外招商引资总额", "attraction_investment_total", USD),
    (
        r"协议引资额|协议总投资|签约总投资|协议投资|签约资金|签约金额",
        "signed_projects_investment",
        YUAN,
    ),
    (r"协议资金", "contracted_investment", YUAN),
    (r"(?:外出)?招商", "attraction_trip_days", frozenset({"day"})),
    (r"(?:外出|敲门|上门)?招商(?:活动)?", "attraction_trips_count", COUNT),
    (r"拜访(?:客商|企业)", "enterprises_visited_count", COUNT),
    (r"接待(?:客商|企业|客户)", "investor_receptions_count", COUNT),
    (r"招商信息|招商线索", "attraction_leads_count", COUNT),
    # enterprises
    (r"(?:国家级?)?高新技术企业|高企", "high_tech_enterprises_count", COUNT),
    (
        r"(?:培育|新培育|新增|净增|新认定|申报)(?:国家级?)?(?:高新技术企业|高企)",
        "new_high_tech_enterprises_count",
        COUNT,
    ),
    (r"科技型企业", "new_tech_enterprises_count", COUNT),
    (r"创新型企业", "new_innovative_enterprises_count", COUNT),
    (r"(?:企业)?研发中心", "new_rd_centers_count", COUNT),
    (r"商标|名牌|品牌", "new_brands_count", COUNT),
    (r"科技型中小企业", "tech_smes_count", COUNT),
    (r"知识产权示范企业", "ip_demonstration_enterprises_count", COUNT),
    (r"知识产权优势企业", "ip_advantage_enterprises_count", COUNT),
    (r"技术创新中心|工程(?:技术)?研究中心", "innovation_centers_count", COUNT),
    (r"重点工业企业", "key_industrial_enterprises_count", COUNT),
    (r"收购(?:低效|闲置|低效闲置)?企业|收购", "inefficient_enterprises_acquired_count", COUNT),
    (r"解决[^,;。]{0,10}问题", "problems_resolved_count", COUNT),
    (
        r"新增规上(?:工业)?企业|新增规模以上(?:工业)?企业|培育列统(?:工业)?企业|小升规",
        "new_above_size_enterprises_count",
        COUNT,
    ),
    (r"新增入库[^,;。]{0,6}企业", "new_registered_enterprises_count", COUNT),
    (r"(?:规模以上|规上)(?:工业)?企业(?:单位数|总数)?", "enterprise_count_above_size", COUNT),
    (r"企业单位数", "enterprise_count", COUNT),
    (r"参评企业", "evaluated_enterprises_count", COUNT),
    (r"A类(?:企业)?", "grade_a_enterprises_count", COUNT),
    (r"B类(?:企业)?", "grade_b_enterprises_count", COUNT),
    (r"C类(?:企业)?", "grade_c_enterprises_count", COUNT),
    (r"D类(?:企业)?", "grade_d_enterprises_count", COUNT),
    # per-mu evaluation and land
    (r"亩均税收", "tax_per_mu", frozenset({"yuan_per_mu"})),
    (r"亩均(?:销售|营业)收入|亩均销售", "revenue_per_mu", frozenset({"yuan_per_mu"})),
    (r"单位能耗税收", "tax_per_energy", frozenset({"yuan_per_tce"})),
    (r"全员劳动生产率", "labour_productivity", frozenset({"yuan_per_person"})),
    (r"盘活(?:存量)?(?:土地|用地)?", "land_revitalized_mu", MU),
    (r"腾退(?:面积|土地|用地)?", "land_vacated_mu", MU),
    (r"(?:新)?拓展(?:提升)?", "land_platform_expansion_mu", MU),
]
TERMS = [(re.compile(p), key, bases) for p, key, bases in _TERMS]

# Terms that name an indicator only together with the paragraph they stand in: `产值`,
# `增加值`, `销售产值` alone are above-size industry's in a paragraph about 规模以上工业 (gold
# dev-10, dev-12), and 企业总数 counts the enterprises the paragraph is about.
# (term, key in an above-size paragraph, key elsewhere)
_BARE: list[tuple[str, str, str | None, frozenset[str]]] = [
    (r"(?:工业)?(?:总)?产值", "industrial_output_above_size", None, YUAN),
    (r"(?:工业)?增加值", "industrial_value_added_above_size", None, YUAN),
    (r"销售产值", "sales_output_above_size", "sales_output", YUAN),
    (r"出口交货值", "export_delivery_value_above_size", "export_delivery_value", YUAN),
    (r"企业(?:总数|单位数)", "enterprise_count_above_size", "enterprise_count", COUNT),
]
BARE_TERMS = [(re.compile(p), a, b, bases) for p, a, b, bases in _BARE]

# every key of the gold README's key tables (with its Chinese name): facts with other keys are
# out of scope
KEYS = frozenset(KEY_NAMES)

# figures that are stocks at a point in time: read "as of" unless the text dates them
STOCK_KEYS = frozenset(
    [
        "deposits_balance",
        "loans_balance",
        "high_tech_enterprises_count",
        "tech_smes_count",
        "ip_demonstration_enterprises_count",
        "ip_advantage_enterprises_count",
        "innovation_centers_count",
        "key_industrial_enterprises_count",
        "landed_projects_count",
        "projects_under_construction_count",
        "enterprise_count",
        "enterprise_count_above_size",
    ]
)
# the size of a year's project portfolio: the year's, whatever range the sentence is in
PORTFOLIO_KEYS = frozenset({"key_projects_count", "key_projects_total_investment"})
# figures that are plans by their very name
TARGET_KEYS = frozenset({"key_projects_annual_plan_investment"})


@dataclass(frozen=True)
class Term:
    key: str
    start: int
    end: int
    scope: str | None = None
    # (key in an above-size paragraph, key elsewhere) for a term that depends on its paragraph
    bare: tuple[str, str | None] | None = None


def bare_key(term: Term, above_size: bool) -> str | None:
    if term.bare is None:
        return term.key
    return term.bare[0] if above_size else term.bare[1]


# the terms each base unit allows, so a figure is matched only against terms that can name it
_TERMS_BY_BASE: dict[str, list[tuple[re.Pattern[str], str]]] = {}
for _rx, _key, _bases in TERMS:
    for _b in _bases:
        _TERMS_BY_BASE.setdefault(_b, []).append((_rx, _key))
_BARE_BY_BASE: dict[str, list[tuple[re.Pattern[str], str, str | None]]] = {}
for _rx, _above, _other, _bases in BARE_TERMS:
    for _b in _bases:
        _BARE_BY_BASE.setdefault(_b, []).append((_rx, _above, _other))


_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
# all the terms of a base unit in one pattern: most stretches of text name no indicator, and
# one scan tells so (the reader's speed on long reports)
_ANY_TERM = {
    b: re.compile(
        "|".join(
            "(?:" + _NAMED_GROUP.sub("(?:", rx.pattern) + ")"
            for rx, *_ in [*_TERMS_BY_BASE.get(b, []), *_BARE_BY_BASE.get(b, [])]
        )
    )
    for b in set(_TERMS_BY_BASE) | set(_BARE_BY_BASE)
}


def match_term(text: str, start: int, end: int, base: str) -> Term | None:
    """The indicator term in text[start:end] nearest its end that allows `base`."""
    best: Term | None = None
    anyterm = _ANY_TERM.get(base)
    if anyterm is None or anyterm.search(text, start, end) is None:
        return None
    for rx, key in _TERMS_BY_BASE.get(base, ()):
        for m in rx.finditer(text, start, end):
            cand = Term(key, m.start(), m.end(), m.groupdict().get("scope"))
            if best is None or (cand.end, cand.end - cand.start) > (
                best.end,
                best.end - best.start,
            ):
                best = cand
    for rx, above, other in _BARE_BY_BASE.get(base, ()):
        for m in rx.finditer(text, start, end):
            cand = Term(above, m.start(), m.end(), None, (above, other))
            # a named term ending at the same place is the more specific one
            if best is None or (cand.end, cand.end - cand.start) > (
                best.end,
                best.end - best.start,
            ):
                best = cand
    return best


# --- projects -------------------------------------------------------------------------------
_TIER = re.compile(
    r"(?<![我全该本])(?:(?:省|市|县|区)(?:级)?[、和及]?)+(?:重点|重大|大中型)(?:产业|工业)?(?:工程)?项目"
    r"|“[^“”]{2,8}”项目|重大产业项目|重点工程|为民办实事"
)
# every level at once (`省市县重点工程项目`) is all key projects: no tier to scope by
_ALL_TIERS = re.compile(r"^省、?市、?县")
# verb → key, in order of precedence
_PROJECT_VERBS: list[tuple[str, str]] = [
    ("新增入库", "new_registered_projects_count"),
    ("入库", "registered_projects_count"),
    ("签约", "signed_projects_count"),
    ("洽谈|在谈|对接", "negotiating_projects_count"),
    ("境内市外|市外", "domestic_projects_count"),
    ("外资|境外投资", "new_foreign_projects_count"),
    ("引进|招引|引入", "introduced_projects_count"),
    ("竣工(?:投产)?", "completed_projects_count"),
    ("新开工|开复工|复工|开工|新开", "started_projects_count"),
    ("在建", "projects_under_construction_count"),
    ("实施", "implemented_projects_count"),
    ("落地", "landed_projects_count"),
    ("储备", "reserve_projects_count"),
    ("履约", "contracted_projects_count"),
]
_PROJECT_VERB_RE = [(re.compile(v), key) for v, key in _PROJECT_VERBS]
# verbs of a state rather than an event: a count of projects 已开复工 is a stock at the date
STATUS_VERBS = frozenset({"开复工", "复工"})


def later_project_verb(text: str) -> tuple[str, str] | None:
    """(key, verb) of the first project verb in `text`: `…等14个项目,…等15个项目已复工`."""
    best = None
    for rx, key in _PROJECT_VERB_RE:
        m = rx.search(text)
        if (
            m is not None
            and key != "introduced_projects_count"
            and (best is None or m.start() < best[0])
        ):
            best = (m.start(), key, m.group(0))
    return (best[1], best[2]) if best else None


# words around a project phrase that are not part of its qualifier
_FILLER = re.compile(
    r"今年|全年|年内|目前|截至目前|其中|累计|共计|共|已|新|完成|实现|实际|达到|分别|有|计|为|"
    r"[“”\"'‘’()]|\d+(?:-|至|到)\d+月份?|\d+月份?|^[的等]"
)
# governing verbs and adverbs that open a clause before the qualifier (`牢牢锁定独立选址…`)
_LEADING = re.compile(
    r"^(?:牢牢|全力|积极|努力|继续|重点|力争|确保|锁定|加快|推进|抓好|聚焦|围绕|推动|开展|谋划|将)+"
)
# only a sector word before the verb qualifies the projects (`工业落地项目`); anything else
# there is the rest of the sentence (`将努力完成入库项目`)
_SECTOR = re.compile(
    r"(?:工业|服务业|农业|产业|制造业|科技|商贸|文旅|高新技术|数字经济|外资|内资)$"
)
# qualifiers that name a kind of project rather than a sector keep the word 项目 (gold: 产业项目)
_KIND_QUALIFIER = re.compile(r"(?:产业|类|人才)$")
_PROJECT_UNITS = ("个", "宗", "只", "项")


@dataclass(frozen=True)
class ProjectPhrase:
    key: str
    scope: str | None
    start: int
    end: int
    verb: str | None


def _qualifier(text: str, strip_words: tuple[str, ...]) -> str | None:
    # `新开工鑫盛三期…、纺织洗水技改扩能等1-5亿元项目`: the names listed before 等 are examples
    if "等" in text:
        text = text[text.rindex("等") + 1 :]
    for w in strip_words:
        if w:
            text = text.replace(w, "")
    text = _FILLER.sub("", text).strip(" ,、")
    text = _LEADING.sub("", text)
    return text or None


def project_phrase(
    text: str,
    start: int,
    end: int,
    strip_words: tuple[str, ...] = (),
    unit: str | None = None,
    counted: bool = False,
) -> ProjectPhrase | None:
    """Read a project count phrase in text[start:end] (`新入库工业项目`, `开工省大中型项目`).

    `strip_words` are names (the region and its aliases) that are not part of a qualifier;
    without the word 项目 a verb alone (`竣工12个`) counts projects only with a project measure word.
    `counted`: text[start:] follows a count, so a tier there is what is counted even when a
    group (`33个重点工程中…`).
    """
    seg = text[start:end]
    tier = None
    for m in _TIER.finditer(seg):
        # `22个重大产业项目中…等14个项目已复工`: a tier followed by 中 is the group, not the noun
        if not text.startswith("中", start + m.end()) or (counted and m.start() == 0):
            tier = m
    if tier is not None:
        name = tier.group(0)
        quoted = re.fullmatch(r"“([^“”]+)”项目", name)
        tier_scope = quoted.group(1) if quoted else name
        if _ALL_TIERS.match(name):
            tier_scope = None
        rest = seg[tier.end() :]
        if counted and tier.start() == 0 and rest.startswith("中"):
            rest = ""  # `20件为民办实事中…`: the size of a group named before its members
        for rx, key in _PROJECT_VERB_RE:
            vm = rx.search(rest)
            if vm is not None and key != "introduced_projects_count":
                # `75个“两重一实”项目中,已开复工50个项目`: the tier's projects that started
                return ProjectPhrase(
                    key, tier_scope, start + tier.end() + vm.start(), end, vm.group(0)
                )
        return ProjectPhrase("key_projects_count", tier_scope, start + tier.start(), end, None)
    p = seg.rfind("项目")
    verb = None
    for rx, key in _PROJECT_VERB_RE:
        found = list(rx.finditer(seg))
        if found:
            verb = (found[-1], key)
            break
    if verb is None:
        return None
    vm, key = verb
    if p < 0 and (unit not in _PROJECT_UNITS or "企业" in seg[vm.end() :]):
        return None
    vstart = vm.start()
    for lead in ("新增", "新"):
        if seg[:vstart].endswith(lead):
            vstart -= len(lead)
            break
    # gold key table: (新)入库(工业)项目 …只 is registered_projects_count, 新增入库项目 and
    # 入库项目 …宗/个 are new_registered_projects_count
    if key == "registered_projects_count" and (
        seg[vstart : vm.start()] == "新增" or unit in ("个", "宗", "项")
    ):
        key = "new_registered_projects_count"
    scope = None
    if p >= 0:
        if vm.end() <= p:
            scope = _qualifier(seg[vm.end() : p], strip_words)
            if scope is None:
                before = _qualifier(seg[:vstart], strip_words)
                if before and _SECTOR.search(before):
                    scope = _SECTOR.search(before).group(0)
        else:
            scope = _qualifier(seg[:p], strip_words)
        if scope and _KIND_QUALIFIER.search(scope):
            scope += "项目"
    if scope and len(scope) > 12:
        scope = None  # a long remainder is a sentence, not a qualifier
    first = min(vstart, p) if p >= 0 else vstart
    if p >= 0 and p < vstart and scope:
        first = seg.find(scope) if seg.find(scope) >= 0 else p
    return ProjectPhrase(key, scope, start + first, end, vm.group(0))


# money stated after a project count (`新签约项目7个,总投资200亿元`) takes its key from the count
PROJECT_MONEY = re.compile(
    r"计划总投资|总投资|概算投资|投资总额|总金额|年计划投资|计划投资|累计完成投资|完成投资"
    r"|实际进资|到位资金"
)
_MONEY_OF = {
    ("signed_projects_count", "total"): "signed_projects_investment",
    ("key_projects_count", "total"): "key_projects_total_investment",
    ("key_projects_count", "plan"): "key_projects_annual_plan_investment",
    ("key_projects_count", "done"): "key_projects_completed_investment",
    ("registered_projects_count", "total"): "registered_projects_investment",
    ("new_registered_projects_count", "total"): "registered_projects_investment",
    ("new_registered_projects_count", "done"): "new_registered_projects_completed_investment",
    ("reserve_projects_count", "total"): "reserve_projects_investment",
    ("domestic_projects_count", "total"): "domestic_projects_investment",
    ("new_foreign_projects_count", "total"): "foreign_projects_investment",
    ("started_projects_count", "done"): "key_projects_completed_investment",
    ("contracted_projects_count", "total"): "contracted_investment",
}


def project_money_key(count_key: str | None, term: str) -> str | None:
    if term in ("实际进资", "到位资金"):
        return "funds_in_place"
    kind = (
        "plan" if term in ("年计划投资", "计划投资") else "done" if "完成投资" in term else "total"
    )
    if count_key is None:
        return "key_projects_annual_plan_investment" if kind == "plan" else None
    return _MONEY_OF.get((count_key, kind))
