"""Demo projects: about 300 across every stage over the last three years, with plans and monthly
reports, a realistic share of them lagging for different reasons.

Dates are laid out relative to today, so the demo always looks current; for a given seed and
day it is the same.
"""

from datetime import date, timedelta
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from mujun.core.money import quantize
from mujun.enterprises.demo import INDUSTRIES

from . import events as project_events
from . import tally
from .alerts import refresh_alerts, today
from .choices import STAGE_MILESTONE, STAGE_ORDER, Stage
from .models import AnnualPlan, MonthlyReport, Project, ProjectEvent, ProjectTag

PROJECT_COUNT = 300
STAGE_WEIGHTS = {
    Stage.LEAD: 8,
    Stage.NEGOTIATING: 10,
    Stage.SIGNED: 10,
    Stage.REGISTERED: 7,
    Stage.STARTED: 30,
    Stage.COMPLETED: 10,
    Stage.PRODUCING: 12,
    Stage.ACCEPTED: 8,
    Stage.TERMINATED: 5,
}
KINDS = [
    "年产{n}万台{w}生产线项目",
    "{w}智能制造基地项目",
    "{w}技改扩建项目",
    "新建{w}产业园项目",
    "{w}研发中心及产业化项目",
]
LEADERS = ["王建国", "李红梅", "张志强", "陈晓东", "刘海峰", "杨文军", "赵丽华", "周国平"]
DEPARTMENTS = ["县经信局", "县发改局", "县商务局", "县自然资源局", "县住建局"]
TERMINATION = ["投资方资金链紧张，主动退出", "项目选址调整，转至外地", "环评未通过"]
# A month's progress note by how far the building has got: the first third, the middle, the
# last third of its construction, and after completion (notes that fit the stage).
NOTES = (
    ["土地平整完成", "办理施工许可", "桩基施工中", "桩基施工完成"],
    ["主体结构施工中", "钢结构厂房吊装", "主体结构封顶"],
    ["内部装修", "设备采购招标中", "设备安装调试"],
    ["竣工验收完成，设备调试", "试生产", "正式投产，产能逐步释放"],
)
PROBLEMS = [
    "",
    "",
    "",
    "用地指标尚未落实",
    "电力增容待审批",
    "施工许可办理滞后",
    "融资未到位",
    "征迁未完成",
]


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    return date(d.year + y, m + 1, min(d.day, 28))


def _month_iter(start: date, end: date):
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month):
        yield y, m
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def _signing_date(rng, stage, late, now) -> date:
    """Where the signing falls so that the stage is plausible today: leads sign in the future,
    a signed project waits under 90 days for its start unless it is one of the late ones."""
    if stage in (Stage.LEAD, Stage.NEGOTIATING):
        return now + timedelta(days=-rng.randint(40, 150) if late else rng.randint(20, 200))
    if stage in (Stage.SIGNED, Stage.REGISTERED):
        return now - timedelta(days=rng.randint(100, 300) if late else rng.randint(5, 40))
    if stage == Stage.STARTED:
        return now - timedelta(days=rng.randint(120, 800))
    return now - timedelta(days=rng.randint(500, 1050))


def plans_and_reports(rng, project, late, last_month, plans, reports):
    """A steady monthly pace of construction; each year's plan is that pace over the months of
    the year the project builds, and late projects report well below it."""
    monthly = quantize(project.total_investment * Decimal(str(rng.uniform(0.02, 0.045))), 0)
    pace = Decimal(str(rng.uniform(0.2, 0.65) if late else rng.uniform(0.9, 1.2)))
    build_end = project.actual_completed or max(project.planned_completed or last_month, last_month)
    span = max(1, len(list(_month_iter(project.actual_started, build_end))))
    done, completed = 0, Decimal(0)
    for year in range(project.actual_started.year, build_end.year + 1):
        first = max(project.actual_started, date(year, 1, 1))
        last_planned = min(build_end, date(year, 12, 1))
        months = len(list(_month_iter(first, last_planned)))
        plans.append(AnnualPlan(project=project, year=year, planned_investment=monthly * months))
        last = min(last_planned, last_month)
        for y, m in _month_iter(first, last) if first <= last else ():
            amount = quantize(monthly * pace * Decimal(str(rng.uniform(0.7, 1.3))), 2)
            # never more than the project's total: what a user's report may not claim either
            amount = min(amount, project.total_investment - completed)
            completed += amount
            done += 1
            done_on = project.actual_completed
            finished = done_on and (y, m) >= (done_on.year, done_on.month)
            phase = 3 if finished else min(2, done * 3 // (span + 1))
            reports.append(
                MonthlyReport(
                    project=project,
                    year=y,
                    month=m,
                    completed_investment=amount,
                    progress_note=rng.choice(NOTES[phase]),
                    problems=rng.choice(PROBLEMS) if late else "",
                )
            )


def _write(plans, reports, user_of, projects, now) -> None:
    """The plans and reports written in bulk with their events (by ``user_of`` the project's
    region); ``projects``' alerts evaluated and the summary's tally counted again, as the
    verbs would have."""
    bulk_create_with_history(plans, AnnualPlan, batch_size=1000)
    bulk_create_with_history(reports, MonthlyReport, batch_size=2000)
    events = [
        project_events.plan_set(plan=p, user=user_of(p.project.region_id), commit=False)
        for p in plans
    ]
    events += [
        project_events.report_filed(report=r, user=user_of(r.project.region_id), commit=False)
        for r in reports
    ]
    ProjectEvent.objects.bulk_create(events, batch_size=1000)
    refresh_alerts(projects, now)
    # the rows above were written in bulk, not by the verbs: the summary's tally counts them
    tally.rebuild()


def report_started(rng, projects, user_of) -> int:
    """Plans and monthly reports of the started ``projects`` made by another area's demo
    through the verbs (the attraction's signed leads), at a steady pace from their start to
    the last month due; returns how many reports."""
    now = today()
    last_month = _add_months(date(now.year, now.month, 1), -1)
    plans, reports = [], []
    # one started this month has no report due yet, nor a plan to fall behind
    started = [p for p in projects if p.actual_started and p.actual_started <= last_month]
    for project in started:
        plans_and_reports(rng, project, False, last_month, plans, reports)
    if started:
        _write(plans, reports, user_of, Project.objects.filter(pk__in=[p.pk for p in started]), now)
    return len(reports)


def build(ctx):
    rng = ctx.rng_for("projects")
    now = today()
    # The last month whose report is due: reports are filed for ended months.
    last_month = _add_months(date(now.year, now.month, 1), -1)
    tiers = list(ProjectTag.objects.all())
    officer = ctx.users.get("demo-town1")
    projects, meta = [], []
    by_town = {}
    for e in ctx.enterprises:
        if e.above_size:
            by_town.setdefault(e.region_id, []).append(e)
    for n in range(1, ctx.count(PROJECT_COUNT, least=40) + 1):
        town = rng.choice(ctx.towns)
        code, word = rng.choice(INDUSTRIES)
        stage = rng.choices(list(STAGE_WEIGHTS), list(STAGE_WEIGHTS.values()))[0]
        # About one project in four runs late; a late one loses weeks to months.
        late = rng.random() < 0.25
        total = Decimal(round(10 ** rng.uniform(3.3, 5.3), -1))
        signed = _signing_date(rng, stage, late, now)
        planned_start = signed + timedelta(days=rng.randint(45, 85))
        planned_completed = _add_months(planned_start, rng.randint(10, 24))
        delay = timedelta(days=rng.randint(40, 200) if late else rng.randint(0, 20))
        if stage == Stage.STARTED and not late:
            planned_completed = max(planned_completed, now + timedelta(days=rng.randint(30, 400)))
        planned_producing = _add_months(planned_completed, rng.randint(1, 4))
        if stage == Stage.COMPLETED and not late:
            planned_producing = max(planned_producing, now + timedelta(days=rng.randint(20, 120)))
        # the linked investor is registered in the project's town (docs/projects.md)
        enterprise = (
            rng.choice(by_town.get(town.pk) or [None])
            if stage not in (Stage.LEAD, Stage.NEGOTIATING) and rng.random() < 0.6
            else None
        )
        project = Project(
            # numbered by the year the project entered the register, never a year to come
            code=f"XM{min(signed, now).year}-{n:04d}",
            name=rng.choice(KINDS).format(n=rng.randint(5, 50), w=word),
            enterprise=enterprise,
            investor_name=""
            if enterprise
            else f"{rng.choice(['上海', '杭州', '宁波', '苏州', '深圳'])}{word}集团",
            region=town,
            industry_code=code,
            total_investment=total,
            fixed_asset_investment=quantize(total * Decimal(rng.uniform(0.7, 0.95)), 2),
            land_area_mu=Decimal(rng.randint(10, 300)),
            independent_site=rng.random() < 0.6,
            liaison_leader=rng.choice(LEADERS),
            responsible_department=rng.choice(DEPARTMENTS),
            stage=stage,
            planned_signed=signed,
            planned_land_supplied=signed + timedelta(days=rng.randint(20, 40)),
            planned_started=planned_start,
            planned_completed=planned_completed,
            planned_producing=planned_producing,
        )
        reached = STAGE_ORDER.index(stage) if stage != Stage.TERMINATED else rng.randint(1, 4)
        milestone_plan = {
            Stage.SIGNED: signed,
            Stage.STARTED: planned_start,
            Stage.COMPLETED: planned_completed,
            Stage.PRODUCING: planned_producing,
        }
        dates, on = {}, signed - timedelta(days=90)
        for s in STAGE_ORDER[: reached + 1]:
            planned = milestone_plan.get(s)
            on = max(
                on + timedelta(days=7),
                planned + delay if planned and s != Stage.SIGNED else planned or on,
            )
            if on > now:
                break
            dates[s] = on
        for s, milestone in STAGE_MILESTONE.items():
            if s in dates:
                setattr(project, f"actual_{milestone}", dates[s])
        if project.actual_started:
            project.actual_land_supplied = min(
                project.actual_started, project.planned_land_supplied + delay
            )
        if stage == Stage.TERMINATED:
            project.terminated_reason = rng.choice(TERMINATION)
        project.stage = (
            stage
            if stage == Stage.TERMINATED
            else max(dates, key=STAGE_ORDER.index, default=Stage.LEAD)
        )
        projects.append(project)
        meta.append(
            (dates, late, [t for t in tiers if rng.random() < (0.35 if total > 20000 else 0.08)])
        )
    bulk_create_with_history(projects, Project, batch_size=500)
    projects = list(Project.objects.filter(code__in=[p.code for p in projects]).order_by("pk"))
    events, plans, reports = [], [], []
    for project, (dates, late, project_tiers) in zip(projects, meta, strict=True):
        project.tags.set(project_tiers)
        previous = ""
        for s, on in sorted(dates.items(), key=lambda kv: kv[1]):
            events.append(
                project_events.stage_changed(
                    project=project,
                    from_stage=previous,
                    to_stage=s,
                    on=on,
                    user=officer,
                    commit=False,
                )
            )
            previous = s
        if project.stage == Stage.TERMINATED:
            events.append(
                project_events.stage_changed(
                    project=project,
                    from_stage=previous,
                    to_stage=Stage.TERMINATED,
                    on=max(dates.values(), default=now - timedelta(days=30)) + timedelta(days=5),
                    user=officer,
                    note=project.terminated_reason,
                    commit=False,
                )
            )
        if not project.actual_started or project.stage == Stage.TERMINATED:
            continue
        plans_and_reports(rng, project, late, last_month, plans, reports)
    ProjectEvent.objects.bulk_create(events, batch_size=1000)
    _write(plans, reports, lambda _region: officer, Project.objects.all(), now)
    lagging = Project.objects.lagging().count()
    ctx.log(
        f"项目 {len(projects)} 个（滞后 {lagging} 个），年度计划 {len(plans)} 条，月报 {len(reports)} 条"
    )
