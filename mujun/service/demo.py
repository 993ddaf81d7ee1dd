"""The demo county's enterprise service: the officials who serve (where the register has none
yet), the county's departments with one user each (``demo-dept`` is the 自然资源局's), liaison
officials and commissioners for the key enterprises and the big projects, a year of visits
covering most but not all key enterprises, and about 300 problems across every category,
handling and state — some overdue, some reopened after 不满意, a few tied to lagging projects,
four of them a common issue. Deterministic for a seed."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from mujun.accounts.models import User
from mujun.core.roles import Role
from mujun.officials.models import Official
from mujun.projects.models import Project

from . import notify
from .actions import deadlines_config, today
from .choices import Category, Outcome, Status
from .models import CommonIssue, Department, Liaison, Problem, ProblemEvent, Visit
from .rules import default_deadlines
from .workdays import add_workdays

DEPARTMENTS = [
    ("县自然资源局", "用地报批、土地指标、不动产登记", "demo-dept"),
    ("县税务局", "税收政策、出口退税、发票", "demo-dept-tax"),
    ("县供电公司", "用电报装、增容、电价", "demo-dept-power"),
    ("县人力资源和社会保障局", "用工、社保、人才政策", "demo-dept-hr"),
    ("县住房和城乡建设局", "施工许可、竣工验收", "demo-dept-build"),
    ("县市场监督管理局", "登记注册、质量认证", "demo-dept-market"),
    ("县经济和信息化局", "技改补助、企业培育政策", "demo-dept-econ"),
    ("县金融工作服务中心", "融资对接、转贷", "demo-dept-finance"),
]
# which departments take which categories, first the usual one
RECEIVERS = {
    "land": [0],
    "labour": [3],
    "finance": [7, 1],
    "energy": [2],
    "approval": [4, 0, 5],
    "policy": [6, 1, 3],
    "infrastructure": [4, 2],
    "other": [6, 5],
}
PROBLEMS = {
    "land": ["扩建厂房缺少用地指标", "新购地块规划条件调整迟迟未批", "厂区不动产权证办理受阻"],
    "labour": ["招工难，缺少熟练技术工人", "外来员工子女入学难", "员工宿舍不足"],
    "finance": ["流动资金贷款到期续贷难", "技改项目融资担保不足", "应收账款回款慢，资金周转紧张"],
    "energy": [
        "标准厂房用电增容审批慢，变压器容量不足",
        "能耗指标不足影响新产线投产",
        "蒸汽管网压力不稳",
    ],
    "approval": ["施工许可办理周期长", "环评审批进度慢", "消防验收排队时间长"],
    "policy": ["技改补助政策兑现不及时", "高新技术企业认定政策咨询", "研发费用加计扣除口径不清"],
    "infrastructure": ["厂区门口道路破损严重", "园区污水管网未接通", "货车通行限高影响物流"],
    "other": ["厂区周边治安需加强", "展会参展补助咨询", "员工通勤公交线路不足"],
}
COMMON = "标准厂房用电增容审批慢，变压器容量不足"
SURNAMES = "王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁"
GIVEN = "建国红梅志强秀英伟明丽华文军海燕晓东春华国平桂兰永刚玉珍德胜慧敏立新雪梅卫东"


def _name(rng, taken: set) -> str:
    while True:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN[::2]) + rng.choice(GIVEN[1::2])
        if name not in taken:
            taken.add(name)
            return name


def _officials(ctx, rng):
    """The register's officials, made where the demo has none yet (a county leader or two and
    each town's secretary, mayor and two deputies)."""
    taken = set(Official.objects.values_list("name", flat=True))
    made = []
    if not Official.objects.filter(region=ctx.county).exists():
        for title, principal in (("县长", True), ("副县长", False), ("副县长", False)):
            made.append(
                Official(
                    region=ctx.county, name=_name(rng, taken), title=title, is_principal=principal
                )
            )
    for town in ctx.towns:
        if Official.objects.filter(region=town).exists():
            continue
        for title, principal in (
            ("党委书记", True),
            ("镇长", True),
            ("副镇长", False),
            ("副镇长", False),
        ):
            made.append(
                Official(region=town, name=_name(rng, taken), title=title, is_principal=principal)
            )
    bulk_create_with_history(made, Official, batch_size=500)
    by_region = {}
    for official in Official.objects.filter(is_archived=False).order_by("pk"):
        by_region.setdefault(official.region_id, []).append(official)
    return by_region


def _departments(ctx):
    departments = []
    for name, note, username in DEPARTMENTS:
        department = Department.objects.create(name=name, note=note, region=ctx.county)
        departments.append(department)
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, role=Role.DEPARTMENT, full_name=name, region=ctx.county)
            user.set_password(ctx.password)
        user.department = department
        user.save()
        ctx.users[username] = user
    return departments


def _key(enterprise) -> bool:
    return enterprise.above_size or any(getattr(enterprise, f) for f in enterprise.LABEL_FIELDS)


def _at(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


class _Ledger:
    """Problems built in their final state with the timeline that led there."""

    def __init__(self, ctx, rng, departments, officials, now):
        self.ctx, self.rng, self.departments, self.officials = ctx, rng, departments, officials
        self.now = now
        self.config = deadlines_config()
        self.problems, self.events, self.assigned = [], [], []
        self.officer = ctx.users.get("demo-town1")

    def event(self, problem, kind, text, day, user=None):
        self.events.append(
            ProblemEvent(
                problem=problem,
                region_id=problem.region_id,
                kind=kind,
                text=text[:500],
                occurred_on=day,
                user=user,
                created_at=_at(day),
            )
        )

    def add(self, n, enterprise, category, raised, project=None, description=None):
        rng = self.rng
        town_officials = self.officials.get(enterprise.region_id, [])
        problem = Problem(
            code=f"SQ{raised.year}-{n:05d}",
            enterprise=enterprise,
            region_id=enterprise.region_id,
            project=project,
            category=category,
            description=description or rng.choice(PROBLEMS[category]),
            source=rng.choice(["visit", "visit", "phone", "online", "meeting"]),
            raised_on=raised,
            officer=rng.choice(town_officials) if town_officials else None,
        )
        self.problems.append(problem)
        return problem

    def close(self, problem, day, outcome, resolution, satisfaction):
        problem.status, problem.closed_on, problem.outcome = Status.CLOSED, day, outcome
        problem.resolution, problem.satisfaction = resolution, satisfaction
        problem.days_to_close = (day - problem.raised_on).days
        problem.department = problem.receiving_region = None

    def play(self, problem):
        """Give ``problem`` a history that ends today or earlier."""
        rng, now = self.rng, self.now
        raised = problem.raised_on
        self.event(
            problem,
            "recorded",
            f"登记诉求（{Category(problem.category).label}）：{problem.description}",
            raised,
        )
        age = (now - raised).days
        path = rng.choices(["explain", "local", "escalate"], [15, 35, 50])[0]
        handled = min(raised + timedelta(days=rng.randint(0, 3)), now)
        defaults = default_deadlines(handled, problem.category, self.config)
        if path == "explain":
            problem.handling = "explain_policy"
            note = "已向企业解读相关政策并提供办理指引"
            self.close(problem, handled, Outcome.EXPLAINED, note, self._satisfaction(0.7))
            self.event(problem, "explained", f"政策解释并办结：{note}", handled)
            return
        problem.due_on = defaults.resolve_by
        if path == "local":
            problem.handling, problem.status = "resolve_locally", Status.IN_PROGRESS
            self.event(
                problem, "local", f"本级解决，办结时限{problem.due_on:%Y年%-m月%-d日}", handled
            )
        else:
            department = self.departments[rng.choice(RECEIVERS[problem.category])]
            if rng.random() < 0.25:
                department = self.departments[0]  # the demo department's queue is never empty
            problem.handling, problem.status, problem.department = (
                "escalate",
                Status.ASSIGNED,
                department,
            )
            problem.assigned_on, problem.accept_by, problem.reply_by = (
                handled,
                defaults.accept_by,
                defaults.reply_by,
            )
            self.assigned.append((problem, department))
            self.event(
                problem,
                "escalated",
                f"上报交办至{department.name}，办结时限{problem.due_on:%Y年%-m月%-d日}",
                handled,
            )
            accepted = add_workdays(handled, rng.choice([1, 1, 1, 2]))
            if accepted > now or rng.random() < 0.08:
                return  # still waiting to be accepted
            problem.status, problem.accepted_on = Status.ACCEPTED, accepted
            self.event(problem, "accepted", f"{department.name}受理", accepted)
            if rng.random() < 0.06:
                problem.status, problem.department = Status.RETURNED, None
                self.event(
                    problem,
                    "returned",
                    f"{department.name}退回：不属本部门职责，请转交相关部门",
                    accepted,
                )
                return
            replied = add_workdays(accepted, rng.randint(1, 12))
            if replied > now or rng.random() < 0.1:
                return
            problem.status, problem.replied_on = Status.REPLIED, replied
            problem.reply = f"已会同相关单位研究，{rng.choice(['已落实', '已协调解决', '已明确办理路径并推进'])}"
            self.event(problem, "replied", f"{department.name}答复：{problem.reply}", replied)
        # closing: most, in their deadline's time; some late, some not yet
        span = (problem.due_on - handled).days
        closing = handled + timedelta(
            days=rng.randint(2, max(3, int(span * rng.choice([0.6, 0.9, 1.3]))))
        )
        if closing > now or (age < 60 and rng.random() < 0.3) or rng.random() < 0.07:
            return  # open; past its deadline it is overdue
        if rng.random() < 0.04:
            self.close(problem, closing, Outcome.WITHDRAWN, "企业已自行解决，申请撤单", "")
            self.event(problem, "closed", "办结（企业撤单）：企业已自行解决，申请撤单", closing)
            return
        satisfaction = self._satisfaction(0.88)
        resolution = problem.reply or "已协调解决"
        if satisfaction == "dissatisfied":
            problem.reopened, problem.status = True, Status.REOPENED
            self.event(
                problem,
                "reopened",
                f"办结答复企业不满意，重新办理（仅一次）。原答复：{resolution}",
                closing,
            )
            again = closing + timedelta(days=rng.randint(5, 25))
            if again > now:
                return
            final = self._satisfaction(0.9)
            self.close(problem, again, Outcome.RESOLVED, "重新协调后已解决", final)
            self.event(
                problem,
                "closed",
                "办结（已解决）：重新协调后已解决"
                + (f"；企业评价：{_label(final)}" if final else ""),
                again,
            )
            return
        outcome = Outcome.OUTSIDE_REMIT if rng.random() < 0.03 else Outcome.RESOLVED
        self.close(problem, closing, outcome, resolution, satisfaction)
        text = f"办结（{Outcome(outcome).label}）：{resolution}"
        if satisfaction:
            text += f"；企业评价：{_label(satisfaction)}"
        self.event(problem, "closed", text, closing)

    def _satisfaction(self, answered: float) -> str:
        if self.rng.random() > answered:
            return ""
        return self.rng.choices(["satisfied", "basically", "dissatisfied"], [62, 24, 14])[0]


def _label(satisfaction: str) -> str:
    return {"satisfied": "满意", "basically": "基本满意", "dissatisfied": "不满意"}[satisfaction]


def build(ctx):
    from mujun.projects.alerts import refresh_alerts
    from mujun.projects.tally import rebuild_flags

    rng = ctx.rng_for("service")
    now = today()
    officials = _officials(ctx, rng)
    departments = _departments(ctx)
    county_officials = officials.get(ctx.county.pk, [])
    enterprises = ctx.enterprises or []
    # the key list as the coverage page reads it (above size, labelled, graded A or B)
    from .reports import key_list

    admin = ctx.users.get("demo-admin")
    key_ids = (
        set(key_list(admin, ctx.county, "key").values_list("pk", flat=True)) if admin else set()
    )
    key = [e for e in enterprises if e.pk in key_ids or (not admin and _key(e))]

    # liaisons: a commissioner for every key enterprise, a leader for a third; the big projects
    liaisons = []
    for enterprise in key:
        people = officials.get(enterprise.region_id, [])
        if not people:
            continue
        liaisons.append(
            Liaison(
                official=people[-1 - rng.randint(0, 1)],
                role="commissioner",
                enterprise=enterprise,
                region_id=enterprise.region_id,
                since=now - timedelta(days=rng.randint(200, 700)),
            )
        )
        if rng.random() < 0.33:
            liaisons.append(
                Liaison(
                    official=rng.choice(people[:2]),
                    role="leader",
                    enterprise=enterprise,
                    region_id=enterprise.region_id,
                    since=now - timedelta(days=rng.randint(200, 700)),
                )
            )
    big = Project.objects.filter(total_investment__gte=Decimal(10000), is_archived=False).order_by(
        "pk"
    )
    for project in big:
        leader = rng.choice(county_officials or officials.get(project.region_id, []) or [None])
        if leader is None:
            continue
        liaisons.append(
            Liaison(official=leader, role="leader", project=project, region_id=project.region_id)
        )
        people = officials.get(project.region_id, [])
        if people:
            liaisons.append(
                Liaison(
                    official=people[-1],
                    role="commissioner",
                    project=project,
                    region_id=project.region_id,
                )
            )
    bulk_create_with_history(liaisons, Liaison, batch_size=1000)
    big.update(liaison_leader="")

    # a year of visits: most key enterprises, not all
    visits, who = [], []
    by_commissioner = {row.enterprise_id: row.official for row in liaisons if row.enterprise_id}
    for enterprise in key:
        if rng.random() < 0.12:
            continue
        for _ in range(rng.choice([1, 1, 2, 3])):
            visits.append(
                Visit(
                    enterprise=enterprise,
                    region_id=enterprise.region_id,
                    visited_on=now - timedelta(days=rng.randint(1, 360)),
                    kind=rng.choices(["visit", "symposium", "onsite"], [70, 15, 15])[0],
                    discussed=rng.choice(
                        [
                            "了解生产经营和扩产计划",
                            "宣讲惠企政策",
                            "协调用工用地需求",
                            "听取企业意见建议",
                        ]
                    ),
                )
            )
            who.append(
                by_commissioner.get(enterprise.pk)
                or rng.choice(officials.get(enterprise.region_id, [None]))
            )
    bulk_create_with_history(visits, Visit, batch_size=1000)
    through = Visit.officials.through
    through.objects.bulk_create(
        [through(visit_id=v.pk, official_id=o.pk) for v, o in zip(visits, who, strict=True) if o]
    )

    # about 300 problems; a few tied to lagging projects, four a common issue
    refresh_alerts(Project.objects.filter(is_archived=False))
    rebuild_flags()  # the alerts stored again, in bulk: the leader's flags by town with them
    ledger = _Ledger(ctx, rng, departments, officials, now)
    pool = key or enterprises
    n = 0
    for _ in range(ctx.count(290)):
        n += 1
        raised = now - timedelta(days=rng.randint(0, 340))
        ledger.add(n, rng.choice(pool), rng.choice(Category.values), raised)
    lagging = Project.objects.filter(alert_level__in=("yellow", "red"), is_archived=False).order_by(
        "pk"
    )
    by_town = {}
    for enterprise in pool:
        by_town.setdefault(enterprise.region_id, enterprise)
    for project in lagging[:8]:
        enterprise = project.enterprise or by_town.get(project.region_id)
        if enterprise is None:
            continue
        n += 1
        ledger.add(
            n,
            enterprise,
            rng.choice(["approval", "land", "energy"]),
            now - timedelta(days=rng.randint(30, 120)),
            project=project,
        )
    common = []
    towns = list(by_town.values())
    for enterprise in towns[:4]:
        n += 1
        common.append(
            ledger.add(
                n,
                enterprise,
                "energy",
                now - timedelta(days=rng.randint(20, 60)),
                description=COMMON,
            )
        )
    for problem in ledger.problems:
        ledger.play(problem)
    bulk_create_with_history(ledger.problems, Problem, batch_size=500)
    links = Problem.departments.through
    links.objects.bulk_create(
        [links(problem_id=p.pk, department_id=d.pk) for p, d in ledger.assigned]
    )
    for event in ledger.events:
        event.problem_id = event.problem.pk
    ProblemEvent.objects.bulk_create(ledger.events, batch_size=2000)
    issue = CommonIssue.objects.create(
        title="标准厂房用电增容难",
        category="energy",
        region=ctx.county,
        task_force="县供电保障专班（县经信局、县供电公司）",
    )
    Problem.objects.filter(pk__in=[p.pk for p in common if p.status != Status.CLOSED]).update(
        common_issue=issue
    )
    from . import tally

    tally.rebuild()
    reminders = notify.daily(now)
    overdue = Problem.objects.overdue(now).count()
    ctx.log(
        f"企业服务：部门 {len(departments)} 个，联系干部 {len(liaisons)} 人次，走访 {len(visits)} 次，"
        f"企业诉求 {len(ledger.problems)} 个（超期 {overdue} 个），提醒 {reminders} 条"
    )
