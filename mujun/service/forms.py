from datetime import date

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from mujun.core.forms import DateInput, Form, ScopedFormMixin, ScopedModelForm, found_by_typing
from mujun.core.roles import VIEW
from mujun.officials.models import Official
from mujun.regions.models import Region

from .choices import Category, Handling, Outcome, Satisfaction
from .models import CommonIssue, Department, Problem, Visit

ENTERPRISE_SEARCH = reverse_lazy("enterprises:enterprise_options")


# what a form and an import say of a problem's or a visit's facts
PROJECT_ELSEWHERE = _("项目与企业不在同一镇街")
RAISED_LATE = _("提出日期不能晚于今天")
VISITED_LATE = _("走访日期不能晚于今天")


def after_today(day: date | None) -> bool:
    """Whether ``day`` is after today: a problem is not raised, a visit not made, tomorrow."""
    from .actions import today

    return day is not None and day > today()


def _officials(field, user):
    # the officials the user may see, the county's leaders among them for a county user
    field.queryset = Official.objects.for_user(user, VIEW).filter(is_archived=False)


class ProblemForm(ScopedModelForm):
    class Meta:
        model = Problem
        fields = [
            "enterprise",
            "project",
            "category",
            "description",
            "source",
            "raised_by",
            "raised_on",
            "officer",
            "visit",
        ]
        widgets = {
            "raised_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "visit": forms.HiddenInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("enterprise", "project"):
            field = self.fields[name]
            if isinstance(field, forms.ModelChoiceField):
                field.queryset = field.queryset.filter(is_archived=False).only("pk", "name")
        if isinstance(self.fields["enterprise"], forms.ModelChoiceField):
            found_by_typing(self.fields["enterprise"], ENTERPRISE_SEARCH)
        if isinstance(self.fields["officer"], forms.ModelChoiceField):
            _officials(self.fields["officer"], self.user)
        if not self.instance.pk and not self.is_bound:
            from .actions import today

            self.initial.setdefault("raised_on", today())

    def clean(self):
        cleaned = super().clean()
        enterprise, project = cleaned.get("enterprise"), cleaned.get("project")
        if enterprise and project and project.region_id != enterprise.region_id:
            self.add_error("project", PROJECT_ELSEWHERE)
        if after_today(cleaned.get("raised_on")):
            self.add_error("raised_on", RAISED_LATE)
        visit = cleaned.get("visit")
        if visit and enterprise and visit.enterprise_id != enterprise.pk:
            self.add_error("visit", _("走访与企业不符"))
        return cleaned


class VisitForm(ScopedModelForm):
    problem_1_category = forms.ChoiceField(
        label=_("现场问题一：类别"), choices=[("", "—"), *Category.choices], required=False
    )
    problem_1_description = forms.CharField(
        label=_("现场问题一：描述"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    problem_2_category = forms.ChoiceField(
        label=_("现场问题二：类别"), choices=[("", "—"), *Category.choices], required=False
    )
    problem_2_description = forms.CharField(
        label=_("现场问题二：描述"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    class Meta:
        model = Visit
        fields = ["enterprise", "visited_on", "kind", "officials", "discussed"]
        widgets = {
            "visited_on": DateInput(),
            "officials": forms.SelectMultiple(attrs={"size": 6}),
            "discussed": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = (
            self.fields["enterprise"].queryset.filter(is_archived=False).only("pk", "name")
        )
        found_by_typing(self.fields["enterprise"], ENTERPRISE_SEARCH)
        if isinstance(self.fields["officials"], forms.ModelChoiceField):
            _officials(self.fields["officials"], self.user)
        if self.instance.pk:
            for name in [f for f in self.fields if f.startswith("problem_")]:
                del self.fields[name]
        elif not self.is_bound:
            from .actions import today

            self.initial.setdefault("visited_on", today())

    def clean(self):
        cleaned = super().clean()
        if after_today(cleaned.get("visited_on")):
            self.add_error("visited_on", VISITED_LATE)
        for n in (1, 2):
            category = cleaned.get(f"problem_{n}_category")
            text = (cleaned.get(f"problem_{n}_description") or "").strip()
            if bool(category) != bool(text):
                self.add_error(f"problem_{n}_description", _("现场问题须同时填写类别和描述"))
        return cleaned

    def raised_problems(self) -> list[dict]:
        found = []
        for n in (1, 2):
            category = self.cleaned_data.get(f"problem_{n}_category")
            text = (self.cleaned_data.get(f"problem_{n}_description") or "").strip()
            if category and text:
                found.append({"category": category, "description": text})
        return found


class DepartmentForm(ScopedModelForm):
    class Meta:
        model = Department
        fields = ["name", "region", "phone", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = self.fields["region"].queryset.filter(is_peer=False)
        self.choose_by("region", "code")


class CommonIssueForm(ScopedModelForm):
    class Meta:
        model = CommonIssue
        fields = ["title", "category", "region", "task_force"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = self.fields["region"].queryset.filter(is_peer=False)
        self.choose_by("region", "code")


# -- the verbs' forms -------------------------------------------------------------------------


class HandleForm(Form):
    handling = forms.ChoiceField(label=_("处理方式"), choices=Handling.choices)
    department = forms.ModelChoiceField(
        label=_("承办部门"), queryset=Department.objects.none(), required=False
    )
    region = forms.ModelChoiceField(
        label=_("或上报上级地区"),
        queryset=Region.objects.none(),
        required=False,
        to_field_name="code",
    )
    deadline = forms.DateField(
        label=_("办结时限"),
        widget=DateInput(),
        required=False,
        help_text=_("按工作日计，默认按类别"),
    )
    note = forms.CharField(
        label=_("说明"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("政策解释时填写解释内容"),
    )

    def __init__(self, *args, problem=None, **kwargs):
        super().__init__(*args, **kwargs)
        if problem is not None:
            from .actions import receivers

            departments, parent = receivers(problem)
            self.fields["department"].queryset = departments.select_related("region")
            self.fields["region"].queryset = (
                Region.objects.filter(pk=parent.pk) if parent else Region.objects.none()
            )


class AcceptForm(Form):
    note = forms.CharField(label=_("受理说明"), required=False, max_length=300)


class ReplyForm(Form):
    note = forms.CharField(label=_("答复内容"), widget=forms.Textarea(attrs={"rows": 3}))


class ReturnForm(Form):
    reason = forms.CharField(label=_("退回原因"), max_length=300)


class CloseForm(Form):
    outcome = forms.ChoiceField(label=_("办结结果"), choices=Outcome.choices)
    resolution = forms.CharField(
        label=_("办理结果"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("撤单时填写企业撤单的原因"),
    )
    satisfaction = forms.ChoiceField(
        label=_("企业满意度"),
        choices=Satisfaction.choices,
        required=False,
        help_text=_("企业未作评价的，留空；不满意将重新办理一次"),
    )


class RateForm(Form):
    satisfaction = forms.ChoiceField(
        label=_("企业满意度"), choices=[c for c in Satisfaction.choices if c[0]]
    )


class SolveForm(Form):
    solution = forms.CharField(label=_("解决情况"), widget=forms.Textarea(attrs={"rows": 3}))


class GroupForm(ScopedFormMixin, forms.Form):
    problems = forms.ModelMultipleChoiceField(
        label=_("归入的诉求"), queryset=Problem.objects.all(), to_field_name="code"
    )


# -- reports ----------------------------------------------------------------------------------

KEY_LISTS = [
    ("key", _("重点企业（规上、亩均A/B类或有标签）")),
    ("above_size", _("规上工业企业")),
    ("grade_ab", _("亩均评价A/B类企业")),
    ("labelled", _("高新、专精特新、小巨人或上市企业")),
]


class PeriodForm(ScopedFormMixin, forms.Form):
    """A region and a period of days: what coverage and statistics are for."""

    region = forms.ModelChoiceField(
        label=_("地区"), queryset=Region.objects.filter(is_peer=False), to_field_name="code"
    )
    start = forms.DateField(label=_("起始日期"), widget=DateInput())
    end = forms.DateField(label=_("截止日期"), widget=DateInput())

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("截止日期不能早于起始日期"))
        return cleaned


class MonthsForm(ScopedFormMixin, forms.Form):
    """A region and a span of whole months: what the statistics are for."""

    region = forms.ModelChoiceField(
        label=_("地区"), queryset=Region.objects.filter(is_peer=False), to_field_name="code"
    )
    start = forms.CharField(
        label=_("起始月份"),
        widget=forms.TextInput(attrs={"type": "month"}),
        help_text=_("年-月，如 2026-01"),
    )
    end = forms.CharField(
        label=_("截止月份"),
        widget=forms.TextInput(attrs={"type": "month"}),
        help_text=_("年-月，如 2026-01"),
    )

    def clean(self):
        import calendar

        cleaned = super().clean()
        try:
            first = month_start(cleaned.get("start", ""))
            last_month = month_start(cleaned.get("end", ""))
        except ValueError:
            raise forms.ValidationError(_("月份应写作“年-月”，如 2026-01")) from None
        last = last_month.replace(day=calendar.monthrange(last_month.year, last_month.month)[1])
        if last < first:
            raise forms.ValidationError(_("截止月份不能早于起始月份"))
        cleaned["first"], cleaned["last"] = first, last
        return cleaned


class CoverageForm(PeriodForm):
    list = forms.CharField(
        label=_("名单"),
        required=False,
        help_text=_(
            "重点企业名单，或企业库列表的筛选条件（企业库列表筛选后，地址栏中“?”之后的部分）"
        ),
        widget=forms.TextInput(attrs={"list": "key-lists"}),
    )


def month_start(text: str) -> date:
    year, month = (int(part) for part in text.split("-"))
    return date(year, month, 1)
