"""Importing problems and visits from the spreadsheets counties keep today, checked and written
as sets (core/bulk_imports.py): the whole file checked first, enterprises by their unified
social credit code, officials by name, departments by name; a row matched to what is stored by
its natural key, so a second import changes nothing.

What a row is checked against is read once per import — the file's enterprises among those the
user may add to, the officials of their towns and the regions above, the file's projects, the
departments — and so are the stored problems or visits of the file's keys. A clean file is
written in bulk with its history and its ledger events; a problem row naming a 承办部门 is
recorded as assigned from its raising day (``actions.imported_assignment``), and the
statistics' tally is recounted once for the towns and months the file touched."""

from django import forms
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from mujun.core.bulk_imports import CHUNK, SetImporter, chunks, looked_up, pks_among, where_in
from mujun.core.forms import DateInput, LabeledChoiceField
from mujun.core.imports import Column
from mujun.core.roles import ADD, CHANGE, VIEW
from mujun.enterprises.models import Enterprise
from mujun.enterprises.rules import normalise_uscc
from mujun.officials.roster import Roster
from mujun.projects.models import Project

from . import actions, events, tally
from .choices import Category, Source, VisitKind
from .forms import (
    PROJECT_ELSEWHERE,
    RAISED_LATE,
    VISITED_LATE,
    ProblemForm,
    VisitForm,
    after_today,
)
from .models import Department, Problem, ProblemEvent, Visit, VisitEvent


def split_names(text: str) -> list[str]:
    for sep in ("，", ",", "；", ";", "\n", " "):
        text = text.replace(sep, "、")
    return [n.strip() for n in text.split("、") if n.strip()]


class EnterpriseByCode(forms.ModelChoiceField):
    """An enterprise given by its unified social credit code, among those the user may write
    (the importer reads them once a file, and says so in these words)."""

    default_error_messages = {
        "invalid_choice": _(
            "企业库中没有统一社会信用代码为“%(value)s”的企业（或不在您的管辖范围内）"
        )
    }


_NO_OFFICIAL = _("干部名册中没有“%(n)s”")


class ProblemImportForm(ProblemForm):
    """The cells of a problem's row (the importer looks up what they name)."""

    enterprise = EnterpriseByCode(
        label=_("企业统一社会信用代码"), queryset=Enterprise.objects.none()
    )
    category = LabeledChoiceField(label=_("类别"), choices=Category.choices)
    source = LabeledChoiceField(label=_("提出方式"), choices=Source.choices)
    officer = forms.CharField(label=_("责任干部"), required=False)
    project = forms.CharField(label=_("关联项目编号"), required=False)
    assign_to = forms.CharField(label=_("承办部门"), required=False)
    deadline = forms.DateField(label=_("办结时限"), required=False, widget=DateInput())

    class Meta(ProblemForm.Meta):
        fields = [f for f in ProblemForm.Meta.fields if f not in ("visit",)] + ["code"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].required = False


class VisitImportForm(VisitForm):
    """The cells of a visit's row (the importer looks up what they name)."""

    enterprise = EnterpriseByCode(
        label=_("企业统一社会信用代码"), queryset=Enterprise.objects.none()
    )
    kind = LabeledChoiceField(label=_("方式"), choices=VisitKind.choices)
    officials = forms.CharField(label=_("走访干部"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in [f for f in self.fields if f.startswith("problem_")]:
            del self.fields[name]


class _EnterprisesAndOfficials(SetImporter):
    """What both files name: enterprises by their credit code, among those the user may add
    to (read once for the codes of the file), and officials by name in the enterprise's town
    or the nearest region above it."""

    def read_lines(self, name, content, result):
        lines, mapping = super().read_lines(name, content, result)
        self.cells = {col.field: index for index, col in mapping.items()}
        self.lines = lines
        return lines, mapping

    def column(self, field: str) -> list[str]:
        """The stripped texts of column ``field`` in the file's rows."""
        index = self.cells.get(field)
        if index is None:
            return []
        return [str(cells[index]).strip() for _n, cells, _k in self.lines if index < len(cells)]

    def prepare(self, present):
        codes = {normalise_uscc(text) for text in self.column("enterprise")} - {""}
        scoped = Enterprise.objects.for_user(self.user, ADD).filter(is_archived=False)
        fields = ("pk", "uscc", "region_id", "region__path")
        self.enterprises = {}
        for row in where_in(scoped.order_by("pk").values(*fields), "uscc", codes):
            self.enterprises.setdefault(row["uscc"], row)
        self.roster = Roster.above(row["region__path"] for row in self.enterprises.values())
        self.labels = {
            name: str(field.label) for name, field in self.form_class(user=self.user).fields.items()
        }

    def cleaners(self, present):
        found = super().cleaners(present)
        found["enterprise"] = looked_up(self.enterprises, EnterpriseByCode, normalise_uscc)
        return found

    def _official(self, enterprise, name, field, problems):
        pk = self.roster.nearest(enterprise["region__path"], name)
        if pk is None:
            problems.append((field, str(_NO_OFFICIAL % {"n": name})))
        return pk


class ProblemImporter(_EnterprisesAndOfficials):
    """Problems matched by their 诉求编号, else by enterprise, raising day and description."""

    model = Problem
    key_field = "description"
    matched_by = _("诉求编号（留空时按企业、提出日期和问题描述）")
    form_class = ProblemImportForm
    model_fields = ("code", "category", "description", "source", "raised_by", "raised_on")
    columns = [
        Column("code", "诉求编号", help="已有编号的更新该诉求；留空则按企业、日期和描述匹配"),
        Column("enterprise", "企业统一社会信用代码", required=True, help="18 位，企业库中须已有"),
        Column(
            "category",
            "类别",
            required=True,
            help="用地、用工、融资、用能、审批、政策、基础设施、其他",
        ),
        Column("description", "问题描述", required=True),
        Column("source", "提出方式", required=True, help="走访、电话、网上填报、会议"),
        Column("raised_by", "企业提出人"),
        Column("raised_on", "提出日期", required=True, help="如 2026-03-02"),
        Column("officer", "责任干部", help="干部名册中的姓名"),
        Column("project", "关联项目编号"),
        Column("assign_to", "承办部门", help="已交办部门的，填写部门名称"),
        Column("deadline", "办结时限", help="已交办的，如 2026-04-01；留空按类别默认"),
    ]
    # the stored facts a row is compared with, as attribute names, and the labels of each
    compared = {
        "enterprise_id": "enterprise",
        "category": "category",
        "description": "description",
        "source": "source",
        "raised_by": "raised_by",
        "raised_on": "raised_on",
        "officer_id": "officer",
        "project_id": "project",
    }

    def prepare(self, present):
        super().prepare(present)
        codes = set(self.column("project")) - {""}
        projects = Project.objects.for_user(self.user, VIEW).order_by("pk")
        self.projects = {}
        for row in where_in(projects.values("pk", "code", "region_id"), "code", codes):
            self.projects.setdefault(row["code"], row)
        self.departments = {}
        departments = Department.objects.for_user(self.user, VIEW).filter(is_archived=False)
        for department in departments.order_by("pk"):
            self.departments.setdefault(department.name, department)

    def cell_problems(self, values, failed):
        problems = []
        enterprise = values.get("enterprise")
        name = (values.get("officer") or "").strip()
        if "officer" in values:
            values["officer_id"] = None
            if name and enterprise is not None:
                values["officer_id"] = self._official(enterprise, name, "officer", problems)
        code = (values.get("project") or "").strip()
        project = None
        if "project" in values:
            values["project_id"] = None
            if code:
                project = self.projects.get(code)
                if project is None:
                    reason = _t("项目库中没有编号为“%(c)s”的项目") % {"c": code}
                    problems.append(("project", reason))
                else:
                    values["project_id"] = project["pk"]
        department = (values.get("assign_to") or "").strip()
        values["department"] = None
        if department:
            values["department"] = self.departments.get(department)
            if values["department"] is None:
                reason = _t("没有名为“%(n)s”的承办部门") % {"n": department}
                problems.append(("assign_to", reason))
        if enterprise and project and project["region_id"] != enterprise["region_id"]:
            problems.append(("project", str(PROJECT_ELSEWHERE)))
        if after_today(values.get("raised_on")):
            problems.append(("raised_on", str(RAISED_LATE)))
        return problems

    def key_of(self, values, text):
        code = values.get("code")
        if code:
            return ("code", code)
        enterprise, raised = values.get("enterprise"), values.get("raised_on")
        if enterprise is None or raised is None or not text:
            return None
        return ("row", enterprise["pk"], raised, text)

    def load_stored(self, keys):
        fields = ["pk", "code", "region_id", "department_id", *self.compared]
        stored = Problem._base_manager.order_by("-pk").values(*fields)
        codes = {key[1] for key in keys if key[0] == "code"}
        rows = {key[1:] for key in keys if key[0] == "row"}
        self.stored = {}
        for row in where_in(stored, "code", codes):
            self.stored[("code", row["code"])] = row
        enterprises = {enterprise for enterprise, _day, _text in rows}
        for row in where_in(stored, "enterprise_id", enterprises):
            key = (row["enterprise_id"], row["raised_on"], row["description"])
            if key in rows:
                self.stored.setdefault(("row", *key), row)
        pks = [row["pk"] for row in self.stored.values()]
        self.changeable = pks_among(Problem.objects.for_user(self.user, CHANGE), pks)

    def check_row(self, row, present):
        stored = self.stored.get(row.key)
        if stored is None or stored["pk"] in self.changeable:
            return []
        # another town's problem: its code is not the user's to use, its existence unsaid
        if row.key[0] == "code":
            reason = _t("诉求编号“%(c)s”无效，或不在您的管辖范围内") % {"c": row.key[1]}
            return [("code", reason)]
        return [("description", _t("该诉求不在您的管辖范围内"))]

    def write(self, rows, present, result, report):
        config = actions.deadlines_config()
        compared = [a for a, f in self.compared.items() if f in present or f == "enterprise"]
        new, changes, edits, assigned, buckets = [], {}, {}, {}, set()
        for row in rows:
            values, stored = row.values, self.stored.get(row.key)
            values["enterprise_id"] = values["enterprise"]["pk"]
            values["region_id"] = values["enterprise"]["region_id"]
            if stored is None:
                new.append(row)
                continue
            change = {a: values[a] for a in compared if stored[a] != values[a]}
            if "enterprise_id" in change:
                # a problem belongs to its enterprise's town (actions._place)
                change["region_id"] = values["region_id"]
            department = values["department"]
            if department is not None and stored["department_id"] != department.pk:
                facts = {**stored, **change}
                change |= actions.imported_assignment(
                    facts["raised_on"],
                    facts["category"],
                    department,
                    values.get("deadline"),
                    config,
                )
                assigned[stored["pk"]] = department
            if not change:
                result.unchanged += 1
                continue
            changes[stored["pk"]] = change
            edits[stored["pk"]] = [self.labels[self.compared[a]] for a in compared if a in change]
            buckets.add((stored["region_id"], stored["raised_on"]))
        for objects in self.update_in_bulk(Problem, changes):
            ledger = []
            for problem in objects:
                if edits[problem.pk]:
                    ledger.append(
                        events.edited(
                            problem=problem, fields=edits[problem.pk], user=self.user, commit=False
                        )
                    )
                buckets.add(tally.key(problem))
            self._write_assignments(objects, assigned, ledger)
            result.updated += len(objects)
        report(checked=len(rows), written=result.updated, problems=[])
        codes = self._codes(new)
        for part in chunks(new):
            objects = [self._new(row, codes, config) for row in part]
            saved = self.create_objects_in_bulk(Problem, objects)
            ledger = [events.recorded(problem=p, user=self.user, commit=False) for p in saved]
            departments = {
                p.pk: row.values["department"] for row, p in zip(part, saved, strict=True)
            }
            self._write_assignments(saved, departments, ledger)
            buckets |= {tally.key(problem) for problem in saved}
            result.created += len(part)
        tally.refresh(*buckets)

    def _write_assignments(self, problems, departments: dict, ledger: list) -> None:
        """The departments' links and the escalation events of ``problems`` assigned by the
        file (``departments``: id → department), written after ``ledger``."""
        links = []
        for problem in problems:
            department = departments.get(problem.pk)
            if department is None:
                continue
            links.append(
                Problem.departments.through(problem_id=problem.pk, department_id=department.pk)
            )
            ledger.append(
                events.escalated(
                    problem=problem,
                    receiver=department.name,
                    by="",
                    on=problem.raised_on,
                    note="导入",
                    user=self.user,
                    commit=False,
                )
            )
        ProblemEvent.objects.bulk_create(ledger, batch_size=CHUNK)
        Problem.departments.through.objects.bulk_create(links, ignore_conflicts=True)

    def _codes(self, new) -> dict:
        """The code of each new row that has none, numbered on from the year's last (the
        file's own codes included)."""
        taken = [row.values["code"] for row in new if row.values.get("code")]
        years = {}
        for row in new:
            if not row.values.get("code"):
                years.setdefault(row.values["raised_on"].year, []).append(row.number)
        codes = {}
        for year, numbers in years.items():
            codes |= dict(zip(numbers, actions.next_codes(year, len(numbers), taken), strict=True))
        return codes

    def _new(self, row, codes, config) -> Problem:
        values = row.values
        problem = Problem(
            code=values.get("code") or codes[row.number],
            enterprise_id=values["enterprise_id"],
            region_id=values["region_id"],
            category=values["category"],
            description=values["description"],
            source=values["source"],
            raised_by=values.get("raised_by") or "",
            raised_on=values["raised_on"],
            officer_id=values.get("officer_id"),
            project_id=values.get("project_id"),
        )
        department = values["department"]
        if department is not None:
            facts = actions.imported_assignment(
                problem.raised_on, problem.category, department, values.get("deadline"), config
            )
            for name, value in facts.items():
                setattr(problem, name, value)
        return problem


class VisitImporter(_EnterprisesAndOfficials):
    """Visits matched by enterprise, day and kind."""

    model = Visit
    key_field = "visited_on"
    matched_by = _("企业、走访日期和方式")
    form_class = VisitImportForm
    model_fields = ("visited_on", "kind", "discussed")
    columns = [
        Column("enterprise", "企业统一社会信用代码", required=True, help="18 位，企业库中须已有"),
        Column("visited_on", "走访日期", required=True, help="如 2026-03-02"),
        Column("kind", "方式", required=True, help="走访、座谈、现场办公"),
        Column("officials", "走访干部", required=True, help="干部名册中的姓名，以顿号分隔"),
        Column("discussed", "交流内容"),
    ]

    def cell_problems(self, values, failed):
        problems = []
        enterprise = values.get("enterprise")
        if enterprise is not None and "officials" not in failed:
            found = [
                self._official(enterprise, name, "officials", problems)
                for name in split_names(values["officials"])
            ]
            values["official_ids"] = list(dict.fromkeys(pk for pk in found if pk is not None))
        if after_today(values.get("visited_on")):
            problems.append(("visited_on", str(VISITED_LATE)))
        return problems

    def key_of(self, values, text):
        enterprise, day, kind = (values.get(f) for f in ("enterprise", "visited_on", "kind"))
        if enterprise is None or day is None or not kind:
            return None
        return (enterprise["pk"], day, kind)

    def load_stored(self, keys):
        wanted = set(keys)
        fields = ("pk", "enterprise_id", "visited_on", "kind", "discussed")
        stored = Visit._base_manager.order_by("-pk").values(*fields)
        self.stored = {}
        for row in where_in(stored, "enterprise_id", {key[0] for key in wanted}):
            key = (row["enterprise_id"], row["visited_on"], row["kind"])
            if key in wanted:
                self.stored.setdefault(key, row)
        pks = [row["pk"] for row in self.stored.values()]
        self.participants = {pk: set() for pk in pks}
        through = Visit.officials.through.objects.values("visit_id", "official_id")
        for row in where_in(through, "visit_id", pks):
            self.participants[row["visit_id"]].add(row["official_id"])

    def write(self, rows, present, result, report):
        new, changes, edits, people = [], {}, {}, {}
        for row in rows:
            values, stored = row.values, self.stored.get(row.key)
            if stored is None:
                new.append(row)
                continue
            changed, change = [], {}
            if "discussed" in present and stored["discussed"] != values["discussed"]:
                changed.append("discussed")
                change["discussed"] = values["discussed"]
            if set(values["official_ids"]) != self.participants[stored["pk"]]:
                changed.append("officials")
                people[stored["pk"]] = values["official_ids"]
            if not changed:
                result.unchanged += 1
                continue
            changes[stored["pk"]] = change
            edits[stored["pk"]] = [self.labels[name] for name in changed]
        Through = Visit.officials.through
        for objects in self.update_in_bulk(Visit, changes):
            ledger = [
                events.visit_edited(visit=v, fields=edits[v.pk], user=self.user, commit=False)
                for v in objects
            ]
            VisitEvent.objects.bulk_create(ledger)
            moved = [visit.pk for visit in objects if visit.pk in people]
            Through.objects.filter(visit_id__in=moved).delete()
            Through.objects.bulk_create(
                [Through(visit_id=pk, official_id=o) for pk in moved for o in people[pk]]
            )
            result.updated += len(objects)
        report(checked=len(rows), written=result.updated, problems=[])
        for part in chunks(new):
            objects = [
                Visit(
                    enterprise_id=row.values["enterprise"]["pk"],
                    # a visit is seen where its enterprise is (actions.save_visit)
                    region_id=row.values["enterprise"]["region_id"],
                    visited_on=row.values["visited_on"],
                    kind=row.values["kind"],
                    discussed=row.values.get("discussed") or "",
                )
                for row in part
            ]
            saved = self.create_objects_in_bulk(Visit, objects)
            joined, ledger = [], []
            for row, visit in zip(part, saved, strict=True):
                ids = row.values["official_ids"]
                joined += [Through(visit_id=visit.pk, official_id=o) for o in ids]
                names = [self.roster.names[o] for o in ids]
                ledger.append(
                    events.visit_recorded(
                        visit=visit, user=self.user, officials=names, commit=False
                    )
                )
            Through.objects.bulk_create(joined)
            VisitEvent.objects.bulk_create(ledger)
            result.created += len(part)
