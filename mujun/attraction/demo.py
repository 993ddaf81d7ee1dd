"""Demo investment attraction: 18 months of the towns' and the county's activities up to today
(trips of one to five days, mostly to 上海 and 江苏 as seed 004's “主攻沪苏” says, visits,
receptions and a few promotion events) and about 400 leads in every status, each signed one
carried into the project register by the real verb.

A lead reaches 已签约 only through ``actions.sign_lead``, which always makes its project, so
every signed lead is signed that way, its investor identified first (a valid code, or a
foreign investor's country); most of those projects then start within seed 004's 90 days,
recorded by the project register's own verb, and the rest wait for its lag rules to flag them.
Everything before the signing is loaded in bulk with the rows the verbs would write: the
milestone dates ``actions.move_lead`` sets, the ledger texts of ``events``, the activities'
days and investors as ``actions.save_activity`` derives them.

A few principal officials miss a month, so the 一月一招商 check has something to show. Dates
follow the day the demo is built; for a given seed and day the county is the same.
"""

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from mujun.enterprises.demo import make_uscc
from mujun.officials.models import Official
from mujun.projects.demo import report_started
from mujun.projects.models import Project

from . import actions, rules, talks, tally
from . import events as attraction_events
from .choices import ActivityKind, Channel, LeadCategory, LeadStatus, Listing
from .models import Activity, ActivityEvent, Lead, LeadEvent
from .rules import split_names

LEAD_COUNT = 400
STATUS_WEIGHTS = {
    LeadStatus.LEAD: 14,
    LeadStatus.CONTACTING: 18,
    LeadStatus.NEGOTIATING: 20,
    LeadStatus.SIGNED: 25,
    LeadStatus.DROPPED: 23,
}
CHANNEL_WEIGHTS = {
    Channel.VIA_INVESTORS: 30,
    Channel.AGENCY: 25,
    Channel.RESIDENT: 15,
    Channel.ASSOCIATION: 20,
    Channel.OTHER: 10,
}
# the investors' home: province, city, the city's registration code (a USCC's digits 3–8), weight;
# 上海 and 江苏 together about two in five, as seed 004 counts its signed projects
HOMES = [
    ("上海", "上海", "310115", 26),
    ("江苏", "苏州", "320505", 9),
    ("江苏", "无锡", "320214", 4),
    ("江苏", "南京", "320115", 3),
    ("江苏", "常州", "320411", 3),
    ("浙江", "杭州", "330108", 10),
    ("浙江", "宁波", "330212", 6),
    ("浙江", "温州", "330302", 4),
    ("广东", "深圳", "440305", 8),
    ("广东", "广州", "440112", 3),
    ("北京", "北京", "110108", 5),
    ("安徽", "合肥", "340111", 4),
    ("山东", "青岛", "370211", 3),
    ("福建", "厦门", "350206", 2),
]
FOREIGN = [
    ("日本", "大阪"),
    ("德国", "斯图加特"),
    ("韩国", "首尔"),
    ("新加坡", "新加坡"),
    ("意大利", "米兰"),
    ("美国", "波士顿"),
]
# the trades the towns court (seed 001: 汽车配件、集成家居、先进装备制造、新材料、新能源), with
# the two-digit division the lead form offers
TRADES = [
    ("新材料", "26"),
    ("高分子材料", "29"),
    ("新能源", "38"),
    ("锂电", "38"),
    ("光伏", "38"),
    ("智能装备", "35"),
    ("精密机械", "34"),
    ("物流装备", "34"),
    ("汽车零部件", "36"),
    ("电子", "39"),
    ("半导体", "39"),
    ("生物医药", "27"),
    ("医疗器械", "35"),
    ("集成家居", "21"),
    ("仪器仪表", "40"),
    ("食品", "14"),
]
# two-character trade names of the fictional investors
_BRANDS = (
    "华拓启明宏晟博创瑞拓远科联芯天穹金阳凯德盛邦维科优普科沃德尔富通海川星辰泰和嘉诚"
    "鼎盛卓远正和安泰新宇睿思迈科光启弘毅恒昌中晶澄元思博拓维汇智融达万合同芯晟源景川"
)
BRANDS = [_BRANDS[i : i + 2] for i in range(0, len(_BRANDS), 2)]
SUFFIXES = ["有限公司", "科技有限公司", "科技有限公司", "股份有限公司", "集团有限公司"]
INDUSTRIAL_PROJECTS = [
    "年产{n}万套{w}项目",
    "{w}生产基地项目",
    "{w}智能制造项目",
    "{w}扩产项目",
    "{b}{w}长三角总部项目",
]
TALENT_PROJECTS = ["{w}研发及产业化项目", "{w}关键技术产业化项目", "{b}{w}研发中心项目"]
DROP_REASONS = [
    "投资方资金链紧张，暂缓投资",
    "投资方选址外省，已落户他处",
    "用地指标一时无法满足",
    "非高新技术企业，不符合产业导向",
    "亩均税收承诺达不到准入标准",
    "环评预审未通过",
    "投资方内部决策取消项目",
]
REOPEN_REASONS = ["投资方重新表达投资意向", "用地指标已落实，重新对接", "投资方融资到位"]
# where trips go and visits meet, with weights: 主攻沪苏、力接杭州、出击深广 (seed 004)
CITIES = [
    ("上海", 40),
    ("苏州", 14),
    ("杭州", 10),
    ("深圳", 8),
    ("北京", 6),
    ("南京", 5),
    ("宁波", 5),
    ("无锡", 4),
    ("广州", 4),
    ("合肥", 3),
]
TRIP_NOTES = [
    "",
    "",
    "驻点招商",
    "走访上海温州商会",
    "对接中介机构，收集项目信息",
    "参加长三角产业对接会",
    "回访在谈项目",
    "考察投资方总部及生产基地",
]
RECEPTION_PLACES = ["招商中心", "{hall}会议室", "项目地块现场", "标准厂房现场"]
TRIP_DAYS = {1: 15, 2: 35, 3: 30, 4: 12, 5: 8}
# activities a month: trips, visits, receptions, by the kind of region
RATES = {
    "county": (1.5, 1.0, 1.5),
    "zone": (3.0, 2.5, 3.5),
    "park": (3.0, 2.5, 3.5),
    "township": (1.2, 0.8, 1.0),
}
TOWN_RATES = (2.0, 1.5, 2.0)
MISSES = 4


@dataclass
class _LeadPlan:
    """A lead as loaded and what happens to it: the moves of its ledger before any signing
    (from, to, day, reason; "reopen" for a reopening), and its signing day and event."""

    lead: Lead
    moves: list = field(default_factory=list)
    sign_on: date | None = None
    sign_at: Activity | None = None


@dataclass
class _ActivityPlan:
    activity: Activity
    officials: set = field(default_factory=set)  # the participants besides the leader
    leads: list = field(default_factory=list)


def _months(now: date) -> list[tuple[date, date]]:
    """The first and last day of each month from January of last year to the current one (up
    to today): last year's statistics and 一月一招商 grid are whole, as a county's would be."""
    spans = []
    for n in range(12 + now.month):
        year, month = now.year - 1 + n // 12, n % 12 + 1
        first = date(year, month, 1)
        last = date(year, month, calendar.monthrange(year, month)[1])
        spans.append((first, min(last, now)))
    return spans


def _weighted(rng, pairs):
    return rng.choices([p[0] for p in pairs], [p[-1] for p in pairs])[0]


def _count(rng, rate: float) -> int:
    n = int(rate) + (rng.random() < rate - int(rate))
    return max(0, n + rng.choice((-1, 0, 0, 1)))


def _day(rng, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _company(rng, place: str, taken: set, brand: str = "", trade: str = "") -> str:
    """A fictional firm's name, not one already ``taken``: its place, trade name and trade."""
    while True:
        word = trade or rng.choice(TRADES)[0]
        name = f"{place}{brand or rng.choice(BRANDS)}{word}{rng.choice(SUFFIXES)}"
        if name not in taken:
            taken.add(name)
            return name
        brand = ""


def _investor(rng, region, own: list, taken: set) -> dict:
    """Who a lead's investor is: a firm from elsewhere in China (mostly), one of the region's
    own enterprises investing again (以商引商), or a foreign investor; and the trade and the
    short name its project is called by."""
    draw = rng.random()
    if draw < 0.08 and own:
        e = rng.choice(own)
        return {
            "investor_name": e.name,
            "investor_uscc": e.uscc,
            "home_province": rules.home_province("浙江"),
            "home_city": region.parent.name if region.parent_id else "",
            "industry_code": e.industry_code[:2],
            "trade": "",
            "brand": e.name[2:4],
        }
    trade, division = rng.choice(TRADES)
    brand = rng.choice(BRANDS)
    if draw < 0.14:
        country, city = rng.choice(FOREIGN)
        return {
            "investor_name": _company(rng, country, taken, brand, trade),
            "investor_country": country,
            "home_province": rules.ABROAD,
            "home_city": city,
            "industry_code": division,
            "trade": trade,
            "brand": brand,
        }
    province, city, code, _w = rng.choices(HOMES, [h[-1] for h in HOMES])[0]
    return {
        "investor_name": _company(rng, city, taken, brand, trade),
        "investor_uscc": make_uscc(rng, code),
        "home_province": rules.home_province(province),
        "home_city": city,
        "industry_code": division,
        "trade": trade,
        "brand": brand,
    }


def _walk_back(last: date, gaps: list[int], floor: date) -> list[date]:
    """The days of the steps ending on ``last``, ``gaps`` apart, squeezed to start no earlier
    than ``floor``; first to last."""
    total = sum(gaps)
    room = max(0, (last - floor).days)
    if total > room:
        gaps = [g * room // total for g in gaps]
    days = [last]
    for gap in reversed(gaps):
        days.append(days[-1] - timedelta(days=gap))
    return days[::-1]


def _leads(rng, ctx, officials, now, first, promotions) -> list[_LeadPlan]:
    towns = ctx.towns
    weights = [3 if t.kind in ("zone", "park") else 1 if t.kind == "township" else 2 for t in towns]
    taken, names = set(), set()
    enterprises = defaultdict(list)
    for e in ctx.enterprises:
        enterprises[e.region_id].append(e)
    floor = first - timedelta(days=180)
    plans = []
    for _ in range(ctx.count(LEAD_COUNT, least=40)):
        region = rng.choices(towns, weights)[0]
        status = rng.choices(list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values()))[0]
        who = _investor(rng, region, enterprises[region.pk], taken)
        trade, brand = who.pop("trade"), who.pop("brand")
        # most investors give their code when first met; every one has before signing
        if who.get("investor_uscc") and status != LeadStatus.SIGNED and rng.random() < 0.3:
            who["investor_uscc"] = ""
        talent = bool(trade) and rng.random() < 0.2
        if not trade:
            name, investment = f"{brand}增资扩产项目", Decimal(round(10 ** rng.uniform(3, 4.5), -2))
        elif talent:
            name = rng.choice(TALENT_PROJECTS).format(w=trade, b=brand)
            investment = Decimal(round(10 ** rng.uniform(2.5, 3.6), -1))
        else:
            name = rng.choice(INDUSTRIAL_PROJECTS).format(n=rng.randint(5, 200), w=trade, b=brand)
            investment = Decimal(round(10 ** rng.uniform(2.9, 4.8), -2))
        # a project's name is one project: a second of the same name is its next phase
        base = name.removesuffix("项目")
        for phase in "二三四五六七八九":
            if name not in names:
                break
            name = f"{base}（{phase}期）项目"
        names.add(name)
        listing = Listing.NONE
        if not talent and not who.get("investor_country"):
            weights_listing = [75, 13, 12]
            listing = rng.choices(
                [Listing.NONE, Listing.LISTED, Listing.PRE_LISTING], weights_listing
            )[0]
        team = officials[region.pk]
        cadres = [o for o in team if not o.is_principal]
        lead = Lead(
            region=region,
            project_name=name,
            channel=Channel.VIA_INVESTORS
            if not trade
            else rng.choices(list(CHANNEL_WEIGHTS), list(CHANNEL_WEIGHTS.values()))[0],
            category=LeadCategory.TALENT if talent else LeadCategory.INDUSTRIAL,
            listing=listing,
            intended_investment=investment,
            owner=rng.choice(cadres if cadres and rng.random() < 0.8 else team) if team else None,
            **who,
        )
        plans.append(_plan(rng, lead, status, now, first, floor, promotions))
    return plans


def _plan(rng, lead, status, now, first, floor, promotions) -> _LeadPlan:
    """Lay the lead's way out backwards from its last step, so that every day is in the past
    and each step follows the one before, as ``move_lead`` and ``sign_lead`` require."""
    plan = _LeadPlan(lead)
    span = (now - first).days
    steps = {
        LeadStatus.LEAD: [],
        LeadStatus.CONTACTING: [LeadStatus.CONTACTING],
        LeadStatus.NEGOTIATING: [LeadStatus.CONTACTING, LeadStatus.NEGOTIATING],
        LeadStatus.SIGNED: [LeadStatus.CONTACTING, LeadStatus.NEGOTIATING, LeadStatus.SIGNED],
    }
    gap = {
        LeadStatus.CONTACTING: (3, 40),
        LeadStatus.NEGOTIATING: (10, 100),
        LeadStatus.SIGNED: (15, 150),
        LeadStatus.DROPPED: (10, 120),
    }
    if status == LeadStatus.DROPPED:
        before = rng.choices(
            [LeadStatus.LEAD, LeadStatus.CONTACTING, LeadStatus.NEGOTIATING], [3, 4, 3]
        )[0]
        path = [*steps[before], LeadStatus.DROPPED]
        last = first + timedelta(days=rng.randint(0, span))
    elif status == LeadStatus.SIGNED:
        path = steps[status]
        last = first + timedelta(days=rng.randint(20, span))
        # about a third sign at a promotion event of their town or the county near that day
        near = [a for a in promotions[lead.region.pk] if abs((a.start_date - last).days) <= 60]
        if near and rng.random() < 0.5:
            plan.sign_at = rng.choice(near)
            last = plan.sign_at.start_date
    else:
        path = steps[status]
        recent = {LeadStatus.LEAD: 120, LeadStatus.CONTACTING: 180, LeadStatus.NEGOTIATING: 330}
        last = now - timedelta(days=rng.randint(0, recent[status]))
    days = _walk_back(last, [rng.randint(*gap[s]) for s in path], floor)
    lead.recorded_on = days[0]
    current = LeadStatus.LEAD
    for step, on in zip(path, days[1:], strict=True):
        if step == LeadStatus.SIGNED:
            plan.sign_on = on
            continue
        if step == LeadStatus.DROPPED:
            lead.dropped_on, lead.drop_reason = on, rng.choice(DROP_REASONS)
            plan.moves.append((current, step, on, lead.drop_reason))
        else:
            setattr(lead, actions.STATUS_DATE[step], on)
            plan.moves.append((current, step, on, ""))
        current = step
    # a few negotiations dropped and taken up again since
    if status == LeadStatus.NEGOTIATING and (now - last).days > 40 and rng.random() < 0.08:
        dropped = last + timedelta(days=rng.randint(5, 20))
        back = _day(rng, dropped + timedelta(days=5), now)
        plan.moves.append((current, LeadStatus.DROPPED, dropped, rng.choice(DROP_REASONS)))
        plan.moves.append(("reopen", current, back, rng.choice(REOPEN_REASONS)))
    lead.status = current
    return plan


def _promotions(rng, ctx, officials, months) -> list[_ActivityPlan]:
    """推介会: the county's about every three months in the cities it courts, the zones'
    twice, a town's now and then; the county's with some town leaders along."""
    plans = []
    cities = ["上海", "深圳", "苏州", "杭州", "北京", "上海"]
    for region in [ctx.county, *ctx.towns]:
        people = officials[region.pk]
        if not people:
            continue
        if region == ctx.county:
            count = len(months) // 3
        elif region.kind in ("zone", "park"):
            count = 2
        else:
            count = int(rng.random() < 0.3)
        for first, last in rng.sample(months[1:], min(count, len(months) - 1)):
            city = cities[len(plans) % len(cities)] if region == ctx.county else _city(rng)
            day = _day(rng, first, last)
            leader = next(o for o in people if o.is_principal)
            others = {o.pk for o in rng.sample(people, min(3, len(people))) if o != leader}
            if region == ctx.county:
                town_heads = [o for t in ctx.towns for o in officials[t.pk] if o.is_principal]
                others |= {o.pk for o in rng.sample(town_heads, min(3, len(town_heads)))}
            activity = Activity(
                region=region,
                kind=ActivityKind.PROMOTION_EVENT,
                start_date=day,
                end_date=day,
                destination=city,
                leader=leader,
                batches=0,
                note=f"{region.name}（{city}）投资环境推介会",
            )
            plans.append(_ActivityPlan(activity, others))
    return plans


def _city(rng) -> str:
    return _weighted(rng, CITIES)


def _activities(rng, ctx, officials, months, now, leads) -> list[_ActivityPlan]:
    """Each region's trips, visits and receptions month by month, led by its cadres or its
    principals, some serving the leads in hand at the time."""
    plans = []
    taken: set = set()
    open_leads = defaultdict(list)
    for p in leads:
        lead = p.lead
        start = lead.contacted_on or lead.recorded_on
        end = p.sign_on or lead.dropped_on or now
        open_leads[lead.region_id].append((start, end, lead))
    for region in [ctx.county, *ctx.towns]:
        people = officials[region.pk]
        if not people:
            continue
        principals = [o for o in people if o.is_principal]
        cadres = [o for o in people if not o.is_principal] or people
        trips, visits, receptions = RATES.get(region.kind, TOWN_RATES)
        hall = "管委会" if region.kind in ("zone", "park") else "政府"
        # the county's activities serve the leads of any town
        pool = (
            [x for t in ctx.towns for x in open_leads[t.pk]]
            if region == ctx.county
            else open_leads[region.pk]
        )
        for first, last in months:
            share = ((last - first).days + 1) / calendar.monthrange(first.year, first.month)[1]
            for kind, rate, by_principal, serve in (
                (ActivityKind.TRIP, trips, 0.25, 0.3),
                (ActivityKind.VISIT, visits, 0.25, 0.5),
                (ActivityKind.RECEPTION, receptions, 0.5, 0.6),
            ):
                for _ in range(_count(rng, rate * share)):
                    start = _day(rng, first, last)
                    city = _city(rng)
                    end = start
                    if kind == ActivityKind.TRIP:
                        days = _weighted(rng, list(TRIP_DAYS.items()))
                        end = min(start + timedelta(days=days - 1), now)
                    leader = rng.choice(
                        principals if principals and rng.random() < by_principal else cadres
                    )
                    # cadres go along; a principal now and then
                    others = [o for o in people if o != leader and not o.is_principal]
                    joined = {o.pk for o in rng.sample(others, rng.randint(0, min(3, len(others))))}
                    joined |= {o.pk for o in principals if o != leader and rng.random() < 0.1}
                    served = [
                        lead for s, e, lead in pool if s <= start <= e and rng.random() < 0.5
                    ][: rng.randint(1, 2)]
                    served = served if rng.random() < serve else []
                    named = rng.randint(2, 5) if kind == ActivityKind.TRIP else rng.randint(1, 3)
                    names = [_company(rng, city, taken) for _ in range(named)]
                    names += [lead.investor_name for lead in served if rng.random() < 0.5]
                    activity = Activity(
                        region=region,
                        kind=kind,
                        start_date=start,
                        end_date=end,
                        destination=(
                            region.name + rng.choice(RECEPTION_PLACES).format(hall=hall)
                            if kind == ActivityKind.RECEPTION
                            else city
                        ),
                        leader=leader,
                        investors="、".join(names),
                        batches=len(names) if kind == ActivityKind.RECEPTION else 0,
                        note=rng.choice(TRIP_NOTES) if kind == ActivityKind.TRIP else "",
                    )
                    plans.append(_ActivityPlan(activity, joined, served))
    return plans


def _overlaps(activity: Activity, month: tuple[date, date]) -> bool:
    return activity.start_date <= month[1] and activity.end_date >= month[0]


def _misses(rng, ctx, officials, months) -> dict[int, tuple[date, date]]:
    """一月一招商: a few town principals who miss one whole month each, most of them this
    year (the check's page opens on it)."""
    done = months[:-1]
    this_year = [m for m in done if m[0].year == months[-1][0].year]
    heads = [o for t in ctx.towns for o in officials[t.pk] if o.is_principal]
    missing = {}
    for n, official in enumerate(rng.sample(heads, min(MISSES, len(heads)))):
        choices = this_year if this_year and n < MISSES - 1 else done
        missing[official.pk] = rng.choice(choices)
    return missing


def _attend(rng, plans, officials, months, missing) -> list[_ActivityPlan]:
    """Every principal leads or joins an activity every month, except the months they miss:
    taken out of the activities of those months, added to one of each other month's."""
    for p in plans:
        a = p.activity
        for pk, month in missing.items():
            if not _overlaps(a, month):
                continue
            p.officials.discard(pk)
            if a.leader.pk == pk:
                a.leader = rng.choice([o for o in officials[a.region_id] if not o.is_principal])
                p.officials.discard(a.leader.pk)
    spans = defaultdict(list)
    by_region = defaultdict(list)
    for p in plans:
        by_region[p.activity.region_id].append(p)
        for pk in (p.activity.leader.pk, *p.officials):
            spans[pk].append(p.activity)
    added = []
    for region_id, people in officials.items():
        for official in (o for o in people if o.is_principal):
            skip = missing.get(official.pk)
            for month in months:
                if month == skip or any(_overlaps(a, month) for a in spans[official.pk]):
                    continue
                candidates = [
                    p
                    for p in by_region[region_id]
                    if month[0] <= p.activity.start_date <= month[1]
                    and not (skip and _overlaps(p.activity, skip))
                ]
                if candidates:
                    chosen = rng.choice(candidates)
                    chosen.officials.add(official.pk)
                else:
                    day, city = _day(rng, month[0], month[1]), _city(rng)
                    chosen = _ActivityPlan(
                        Activity(
                            region=official.region,
                            kind=ActivityKind.VISIT,
                            start_date=day,
                            end_date=day,
                            destination=city,
                            leader=official,
                            investors=_company(rng, city, set()),
                            batches=0,
                        )
                    )
                    added.append(chosen)
                spans[official.pk].append(chosen.activity)
    return plans + added


def _derive(plan: _ActivityPlan) -> None:
    """What ``actions.save_activity`` derives: the calendar days, the investors met (the named
    ones and the leads served, each once), the leader never also a participant."""
    a = plan.activity
    a.days = (a.end_date - a.start_date).days + 1
    names = set(split_names(a.investors)) | {lead.investor_name for lead in plan.leads}
    a.investor_count = len(names)
    plan.officials.discard(a.leader.pk)


def build(ctx):
    rng = ctx.rng_for("attraction")
    now = actions.today()
    months = _months(now)
    regions = [ctx.county, *ctx.towns]
    officials = {r.pk: [] for r in regions}
    for o in Official.objects.filter(region__in=regions).order_by("pk"):
        o.region = next(r for r in regions if r.pk == o.region_id)
        officials[o.region_id].append(o)
    officer = {ctx.towns[i].pk: ctx.users.get(f"demo-town{i + 1}") for i in range(2)}
    admin = ctx.users.get("demo-admin")

    def user_of(region_id):
        return officer.get(region_id) or admin

    promotions = _promotions(rng, ctx, officials, months)
    by_region = defaultdict(list)
    for p in promotions:
        a = p.activity
        if a.region_id == ctx.county.pk:
            for t in ctx.towns:
                by_region[t.pk].append(a)
        else:
            by_region[a.region_id].append(a)
    leads = _leads(rng, ctx, officials, now, months[0][0], by_region)
    activities = promotions + _activities(rng, ctx, officials, months, now, leads)
    missing = _misses(rng, ctx, officials, months)
    activities = _attend(rng, activities, officials, months, missing)
    activities.sort(key=lambda p: (p.activity.start_date, p.activity.region_id))
    for p in activities:
        _derive(p)

    bulk_create_with_history([p.lead for p in leads], Lead, batch_size=500)
    bulk_create_with_history([p.activity for p in activities], Activity, batch_size=500)
    through = Activity.officials.through
    through.objects.bulk_create(
        [through(activity=p.activity, official_id=pk) for p in activities for pk in p.officials],
        batch_size=2000,
    )
    served = Activity.leads.through
    served.objects.bulk_create(
        [served(activity=p.activity, lead=lead) for p in activities for lead in p.leads],
        batch_size=2000,
    )
    ActivityEvent.objects.bulk_create(
        [
            attraction_events.activity_recorded(
                activity=p.activity, user=user_of(p.activity.region_id), commit=False
            )
            for p in activities
        ],
        batch_size=2000,
    )
    ledger = []
    for p in leads:
        lead, user = p.lead, user_of(p.lead.region_id)
        ledger.append(attraction_events.lead_recorded(lead=lead, user=user, commit=False))
        for before, after, on, reason in p.moves:
            if before == "reopen":
                ledger.append(
                    attraction_events.reopened(
                        lead=lead, to_status=after, on=on, reason=reason, user=user, commit=False
                    )
                )
                continue
            ledger.append(
                attraction_events.status_moved(
                    lead=lead,
                    from_status=before,
                    to_status=after,
                    on=on,
                    reason=reason,
                    user=user,
                    commit=False,
                )
            )
    LeadEvent.objects.bulk_create(ledger, batch_size=2000)

    # signing is the verb's: the project, its two events and the lead's, in the order signed
    signing = sorted((p for p in leads if p.sign_on), key=lambda p: (p.sign_on, p.lead.pk))
    projects = []
    for p in signing:
        lead = p.lead
        projects.append(
            (
                p,
                actions.sign_lead(
                    lead, on=p.sign_on, user=user_of(lead.region_id), activity=p.sign_at
                ),
            )
        )
    started = _start_projects(rng, projects, now, user_of)
    # a started project reports its completed investment month by month: the funnel's 实际到资
    signed_ids = [project.pk for _plan, project in projects]
    report_started(rng, list(Project.objects.filter(pk__in=signed_ids)), user_of)
    # the rows above were written in bulk, not by the verbs: the statistics' tally counts them,
    # and the negotiations are read off the ledgers
    talks.rebuild()
    tally.rebuild()
    trips = [p.activity for p in activities if p.activity.kind == ActivityKind.TRIP]
    counts = defaultdict(int)
    for p in leads:
        counts[p.lead.status] += 1
    ctx.log(
        f"招商：活动 {len(activities)} 次（外出 {len(trips)} 次、{sum(a.days for a in trips)} 天），"
        f"线索 {len(leads)} 条（"
        + "、".join(f"{LeadStatus(s).label} {counts[s]}" for s in LeadStatus.values)
        + f"），签约转入项目库 {len(projects)} 个（已开工 {started} 个），"
        f"一月一招商缺 {len(missing)} 人次"
    )


def _start_projects(rng, projects, now, user_of) -> int:
    """Most signed projects break ground within the 90 days seed 004 promises; the project
    register records it by its own verb. The rest wait, and its lag rules flag the late."""
    from mujun.projects.actions import move_stage
    from mujun.projects.choices import Stage

    started = 0
    for plan, project in projects:
        if rng.random() >= 0.8:
            continue
        on = plan.sign_on + timedelta(days=rng.randint(20, 85))
        if on > now:
            continue
        move_stage(project, stage=Stage.STARTED, on=on, user=user_of(project.region_id))
        started += 1
    return started
