from datetime import date

from django import forms
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from mujun.core.forms import (
    DateInput,
    Form,
    ModelForm,
    ScopedFormMixin,
    ScopedModelForm,
    found_by_typing,
)
from mujun.regions.models import Region

from .choices import Basis, Stage
from .models import MonthlyReport, Project, ProjectTag


def investor_problem(enterprise_region, project_region) -> str | None:
    """Why an enterprise of ``enterprise_region`` cannot be a project's linked investor in
    ``project_region``, or ``None``. The rule (docs/projects.md, "Investor enterprise"): the
    linked enterprise is registered in the project's town, so whoever may see the project may
    see its enterprise; an investor registered elsewhere is named in 投资方."""
    if project_region.contains(enterprise_region):
        return None
    return _("投资企业须在项目所在镇街登记；其他地方的投资方请填写在“投资方”中")


DATE = DateInput()


class ProjectForm(ScopedModelForm):
    # the liaison leaders from the officials' register (enterprise service's Liaison rows,
    # saved by actions.save_project); the text field keeps a name the register lacks
    liaison_leaders = forms.ModelMultipleChoiceField(
        label=_("联系领导"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
        help_text=_("从干部名册中选择"),
    )

    class Meta:
        model = Project
        fields = [
            "code",
            "name",
            "enterprise",
            "investor_name",
            "region",
            "industry_code",
            "tags",
            "total_investment",
            "fixed_asset_investment",
            "land_area_mu",
            "independent_site",
            "liaison_leader",
            "responsible_department",
            "description",
            "planned_signed",
            "planned_land_supplied",
            "planned_started",
            "planned_completed",
            "planned_producing",
            "actual_land_supplied",
        ]
        widgets = {
            "tags": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
            **{
                f: DATE
                for f in (
                    "planned_signed",
                    "planned_land_supplied",
                    "planned_started",
                    "planned_completed",
                    "planned_producing",
                    "actual_land_supplied",
                )
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # regions by code and tiers by key: the names the API and the filters use too
        self.fields["region"].queryset = self.fields["region"].queryset.towns()
        self.choose_by("region", "code")
        self.choose_by("tags", "key")
        # the stored link stays a choice even when its enterprise was archived since: a form
        # that cannot show its own value would clear it on an unchanged save
        linked = self.instance.enterprise_id
        self.fields["enterprise"].queryset = (
            self.fields["enterprise"]
            .queryset.filter(Q(is_archived=False) | Q(pk=linked))
            .only("pk", "name", "region")
        )
        self.fields["enterprise"].help_text = _(
            "在项目所在镇街登记的投资企业；其他地方的投资方填写在“投资方”中"
        )
        # found by typing, not listed: a county has thousands of enterprises
        found_by_typing(self.fields["enterprise"], reverse_lazy("enterprises:enterprise_options"))
        from mujun.core.roles import VIEW
        from mujun.officials.models import Official

        officials = Official.objects.for_user(self.user, VIEW) if self.user else None
        self.fields["liaison_leaders"].queryset = (
            officials.filter(is_archived=False)
            if officials is not None
            else Official.objects.none()
        )
        self.fields["liaison_leader"].label = _("名册外联系领导")
        self.fields["liaison_leader"].help_text = _("干部名册中没有的，填写姓名")
        if self.instance.pk:
            from mujun.service.models import Liaison

            self.initial["liaison_leaders"] = list(
                Liaison.objects.filter(
                    project=self.instance, role="leader", is_archived=False
                ).values_list("official_id", flat=True)
            )

    def clean(self):
        cleaned = super().clean()
        enterprise, region = cleaned.get("enterprise"), cleaned.get("region")
        if enterprise is not None and region is not None:
            problem = investor_problem(enterprise.region, region)
            if problem:
                self.add_error("enterprise", problem)
        total, fixed = cleaned.get("total_investment"), cleaned.get("fixed_asset_investment")
        if total is not None and fixed is not None and fixed > total:
            self.add_error("fixed_asset_investment", _("固定资产投资不能大于总投资"))
        order = ["planned_signed", "planned_started", "planned_completed", "planned_producing"]
        dates = [(f, cleaned.get(f)) for f in order if cleaned.get(f)]
        for (a, da), (b, db) in zip(dates, dates[1:], strict=False):
            if db < da:
                self.add_error(b, _("不能早于%(a)s") % {"a": self.fields[a].label})
        return cleaned


class StageForm(Form):
    stage = forms.ChoiceField(label=_("新阶段"), choices=Stage.choices)
    date = forms.DateField(label=_("日期"), widget=DATE, initial=date.today)
    note = forms.CharField(
        label=_("说明"), required=False, max_length=200, help_text=_("退回或终止时必须填写原因")
    )


class PlanForm(Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    planned_investment = forms.DecimalField(
        label=_("年度计划投资（万元）"), min_value=0, max_digits=18, decimal_places=4
    )


class ReportForm(ModelForm):
    class Meta:
        model = MonthlyReport
        fields = ["year", "month", "completed_investment", "progress_note", "problems"]
        widgets = {
            "progress_note": forms.Textarea(attrs={"rows": 3}),
            "problems": forms.Textarea(attrs={"rows": 3}),
        }

    def validate_unique(self):
        # A report for a month that has one already replaces it (upsert), so no unique error.
        pass


class SummaryForm(ScopedFormMixin, forms.Form):
    region = forms.ModelChoiceField(
        label=_("地区"), queryset=Region.objects.all(), required=False, empty_label=_("全部")
    )
    tier = forms.ModelChoiceField(
        label=_("层级"),
        queryset=ProjectTag.objects.all(),
        required=False,
        empty_label=_("全部项目"),
        to_field_name="key",
    )
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    month = forms.IntegerField(label=_("截至月份"), min_value=1, max_value=12)
    basis = forms.ChoiceField(
        label=_("口径"),
        choices=Basis.choices,
        initial=Basis.STARTED,
    )
