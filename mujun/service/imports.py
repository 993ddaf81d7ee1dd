"""Importing problems and visits from the spreadsheets counties keep today: the whole file
checked first (core/imports.py), enterprises by their unified social credit code, officials
by name, departments by name; a row matched to what is stored by its natural key, so a second
import changes nothing."""

from django import forms
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _

from mujun.core.actions import save_versioned
from mujun.core.forms import DateInput, LabeledChoiceField
from mujun.core.imports import Column, Importer
from mujun.core.roles import ADD, VIEW
from mujun.enterprises.models import Enterprise
from mujun.enterprises.rules import normalise_uscc
from mujun.officials.models import Official
from mujun.projects.models import Project

from . import actions, events
from .choices import Category, Handling, Source, Status, VisitKind
from .forms import ProblemForm, VisitForm
from .models import Department, Problem, Visit


def split_names(text: str) -> list[str]:
    for sep in ("，", ",", "；", ";", "\n", " "):
        text = text.replace(sep, "、")
    return [n.strip() for n in text.split("、") if n.strip()]


class EnterpriseByCode(forms.ModelChoiceField):
    """An enterprise given by its unified social credit code, among those the user may write."""

    default_error_messages = {
        "invalid_choice": _(
            "企业库中没有统一社会信用代码为“%(value)s”的企业（或不在您的管辖范围内）"
        )
    }

    def to_python(self, value):
        text = normalise_uscc(str(value or ""))
        if not text:
            return None
        match = self.queryset.filter(uscc=text).first()
        if match is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": text}
            )
        return match

    def has_changed(self, initial, data):
        try:
            value = self.to_python(data)
        except forms.ValidationError:
            return True
        return str(initial) != str(getattr(value, "pk", ""))


def _official(enterprise, name: str):
    """The official of that name in the enterprise's town, else in the nearest region above."""
    if enterprise is None or not name.strip():
        return None
    codes = [c for c in enterprise.region.path.strip("/").split("/") if c]
    found = Official.objects.filter(
        region__code__in=codes, name=name.strip(), is_archived=False
    ).select_related("region")
    return max(found, key=lambda o: len(o.region.path), default=None)


def _enterprises(user):
    return Enterprise.objects.for_user(user, ADD).filter(is_archived=False) if user else None


class ProblemImportForm(ProblemForm):
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
        self.fields["enterprise"].queryset = _enterprises(self.user)
        self.fields["code"].required = False
        if self.instance.pk:
            self.initial["enterprise"] = self.instance.enterprise_id
            self.initial["officer"] = self.instance.officer.name if self.instance.officer_id else ""
            self.initial["project"] = self.instance.project.code if self.instance.project_id else ""

    def clean_code(self):
        return (self.cleaned_data.get("code") or "").strip()

    def validate_unique(self):
        # the code is the row's natural key: a stored code updates that problem
        pass

    def clean(self):
        enterprise = self.cleaned_data.get("enterprise")
        name = self.cleaned_data.get("officer", "")
        officer = _official(enterprise, name)
        if name and officer is None and enterprise is not None:
            self.add_error("officer", _("干部名册中没有“%(n)s”") % {"n": name})
        self.cleaned_data["officer"] = officer
        code = (self.cleaned_data.get("project") or "").strip()
        project = None
        if code:
            project = Project.objects.for_user(self.user, VIEW).filter(code=code).first()
            if project is None:
                self.add_error("project", _("项目库中没有编号为“%(c)s”的项目") % {"c": code})
        self.cleaned_data["project"] = project
        department_name = (self.cleaned_data.get("assign_to") or "").strip()
        department = None
        if department_name:
            department = (
                Department.objects.for_user(self.user, VIEW)
                .filter(name=department_name, is_archived=False)
                .first()
            )
            if department is None:
                self.add_error("assign_to", _("没有名为“%(n)s”的承办部门") % {"n": department_name})
        self.cleaned_data["assign_to"] = department
        return super().clean()

    def has_changed(self):
        if self.instance.pk is None:
            return True
        stored, data = self.instance, self.cleaned_data
        department = data.get("assign_to")
        return any(
            (
                stored.category != data["category"],
                stored.description != data["description"],
                stored.source != data["source"],
                stored.raised_by != data["raised_by"],
                stored.raised_on != data["raised_on"],
                stored.officer_id != getattr(data["officer"], "pk", None),
                stored.project_id != getattr(data["project"], "pk", None),
                department is not None and stored.department_id != department.pk,
                stored.is_archived,
            )
        )


class ProblemImporter(Importer):
    key_field = "description"
    form_class = ProblemImportForm
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

    def row_key(self, data: dict) -> str:
        code = str(data.get("code", "")).strip()
        if code:
            return f"code|{code}"
        parts = [
            normalise_uscc(str(data.get("enterprise", ""))),
            str(data.get("raised_on", "")).strip(),
            str(data.get("description", "")).strip(),
        ]
        return "row|" + "|".join(parts) if all(parts) else ""

    def find_existing(self, key):
        kind, _sep, rest = key.partition("|")
        if kind == "code":
            return Problem.objects.filter(code=rest).first()
        uscc, day, description = rest.split("|", 2)
        try:
            raised = parse_date(day)
        except ValueError:
            raised = None
        if raised is None:
            return None
        return Problem.objects.filter(
            enterprise__uscc=uscc, raised_on=raised, description=description
        ).first()

    def save_form(self, form):
        expected = None if form.instance.pk is None else form.instance.version - 1
        problem = actions.save_problem(form, expected_version=expected, user=self.user)
        department = form.cleaned_data.get("assign_to")
        if department is not None and problem.department_id != department.pk:
            assign_imported(problem, department, form.cleaned_data.get("deadline"), user=self.user)
        return True


def assign_imported(problem, department, deadline, *, user):
    """A problem the spreadsheet says was assigned to ``department``: recorded as assigned
    from its raising day, with the spreadsheet's deadline or the category's default (a past
    deadline is history here, not an error)."""
    from .rules import default_deadlines

    defaults = default_deadlines(problem.raised_on, problem.category, actions.deadlines_config())
    problem.handling, problem.status = Handling.ESCALATE, Status.ASSIGNED
    problem.department, problem.receiving_region = department, None
    problem.assigned_on = problem.raised_on
    problem.accept_by, problem.reply_by = defaults.accept_by, defaults.reply_by
    problem.due_on = deadline or defaults.resolve_by
    save_versioned(problem, expected_version=problem.version, user=user)
    problem.departments.add(department)
    events.escalated(
        problem=problem,
        receiver=department.name,
        by="",
        on=problem.raised_on,
        note="导入",
        user=user,
    )


class VisitImportForm(VisitForm):
    enterprise = EnterpriseByCode(
        label=_("企业统一社会信用代码"), queryset=Enterprise.objects.none()
    )
    kind = LabeledChoiceField(label=_("方式"), choices=VisitKind.choices)
    officials = forms.CharField(label=_("走访干部"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = _enterprises(self.user)
        for name in [f for f in self.fields if f.startswith("problem_")]:
            del self.fields[name]
        if self.instance.pk:
            self.initial["enterprise"] = self.instance.enterprise_id
            self.initial["officials"] = "、".join(o.name for o in self.instance.officials.all())

    def clean(self):
        enterprise = self.cleaned_data.get("enterprise")
        found = []
        for name in split_names(self.cleaned_data.get("officials", "")):
            official = _official(enterprise, name)
            if official is None and enterprise is not None:
                self.add_error("officials", _("干部名册中没有“%(n)s”") % {"n": name})
            elif official is not None:
                found.append(official)
        self.cleaned_data["officials"] = found
        return super().clean()

    def raised_problems(self):
        return []

    def has_changed(self):
        if self.instance.pk is None:
            return True
        stored, data = self.instance, self.cleaned_data
        return any(
            (
                stored.discussed != data["discussed"],
                {o.pk for o in stored.officials.all()} != {o.pk for o in data["officials"]},
                stored.is_archived,
            )
        )


class VisitImporter(Importer):
    key_field = "visited_on"
    form_class = VisitImportForm
    columns = [
        Column("enterprise", "企业统一社会信用代码", required=True, help="18 位，企业库中须已有"),
        Column("visited_on", "走访日期", required=True, help="如 2026-03-02"),
        Column("kind", "方式", required=True, help="走访、座谈、现场办公"),
        Column("officials", "走访干部", required=True, help="干部名册中的姓名，以顿号分隔"),
        Column("discussed", "交流内容"),
    ]

    def row_key(self, data: dict) -> str:
        parts = [
            normalise_uscc(str(data.get("enterprise", ""))),
            str(data.get("visited_on", "")).strip(),
            str(data.get("kind", "")).strip(),
        ]
        return "|".join(parts) if all(parts) else ""

    def find_existing(self, key):
        uscc, day, kind = key.split("|")
        kind = {str(label): k for k, label in VisitKind.choices}.get(kind, kind)
        try:
            visited = parse_date(day)
        except ValueError:
            visited = None
        if visited is None:
            return None
        return Visit.objects.filter(enterprise__uscc=uscc, visited_on=visited, kind=kind).first()

    def save_form(self, form):
        expected = None if form.instance.pk is None else form.instance.version - 1
        actions.save_visit(form, expected_version=expected, user=self.user)
        return True
