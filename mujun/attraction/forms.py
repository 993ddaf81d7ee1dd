from django import forms
from django.utils.translation import gettext_lazy as _

from mujun.core.forms import DateInput, Form, ScopedFormMixin, ScopedModelForm
from mujun.enterprises.industries import DIVISION_CHOICES
from mujun.enterprises.rules import normalise_uscc, uscc_problem
from mujun.regions.models import Region

from . import actions, rules, talks
from .choices import ActivityKind, LeadStatus
from .models import Activity, Lead


class ActivityForm(ScopedModelForm):
    class Meta:
        model = Activity
        fields = [
            "region",
            "kind",
            "start_date",
            "end_date",
            "destination",
            "leader",
            "officials",
            "investors",
            "leads",
            "batches",
            "note",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "officials": forms.CheckboxSelectMultiple,
            "leads": forms.SelectMultiple(attrs={"size": 6}),
            "investors": forms.Textarea(attrs={"rows": 3}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = self.fields["region"].queryset.filter(is_peer=False)
        self.choose_by("region", "code")
        for name in ("leader", "officials", "leads"):
            field = self.fields.get(name)
            # the import form names officials as text and has no leads (imports.py)
            if isinstance(field, forms.ModelChoiceField):
                field.queryset = field.queryset.filter(is_archived=False)
        if not self.instance.pk and not self.is_bound:
            region = getattr(self.user, "region", None)
            if region is not None:
                self.initial.setdefault("region", region.code)

    def clean(self):
        cleaned = super().clean()
        problem = dates_problem(cleaned.get("start_date"), cleaned.get("end_date"))
        if problem:
            self.add_error(*problem)
        region = cleaned.get("region")
        people = [cleaned.get("leader"), *(cleaned.get("officials") or [])]
        if region is not None:
            for official in (p for p in people if p is not None):
                if not official.region.path.startswith(region.path):
                    self.add_error(
                        "leader" if official == people[0] else "officials",
                        _("%(o)s 不是%(r)s的干部") % {"o": official, "r": region},
                    )
        for lead in cleaned.get("leads") or []:
            if region is not None and not lead.region.path.startswith(region.path):
                self.add_error("leads", _("线索“%(l)s”不属于%(r)s") % {"l": lead, "r": region})
        # batches are a reception's measure; other kinds carry none
        if cleaned.get("kind") != ActivityKind.RECEPTION:
            cleaned["batches"] = 0
        elif not cleaned.get("batches"):
            self.add_error("batches", _("接待客商至少 1 批次"))
        return cleaned


class LeadForm(ScopedModelForm):
    industry_code = forms.ChoiceField(
        label=_("行业"), choices=[("", "—"), *DIVISION_CHOICES], required=False
    )

    class Meta:
        model = Lead
        fields = [
            "region",
            "investor_name",
            "investor_uscc",
            "investor_country",
            "home_province",
            "home_city",
            "listing",
            "project_name",
            "channel",
            "category",
            "industry_code",
            "intended_investment",
            "owner",
            "recorded_on",
            "note",
        ]
        widgets = {"recorded_on": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = self.fields["region"].queryset.filter(is_peer=False)
        self.choose_by("region", "code")
        owner = self.fields["owner"]
        # the import form names the owner as text (imports.py)
        if isinstance(owner, forms.ModelChoiceField):
            owner.queryset = owner.queryset.filter(is_archived=False)
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("recorded_on", actions.today())
            region = getattr(self.user, "region", None)
            if region is not None:
                self.initial.setdefault("region", region.code)

    def clean_investor_uscc(self):
        return investor_uscc(self.cleaned_data.get("investor_uscc") or "")

    def _twin(self, cleaned):
        """Another lead of the region for the same investor and project, or ``None``."""
        region = cleaned.get("region")
        investor = (cleaned.get("investor_name") or "").strip()
        project = (cleaned.get("project_name") or "").strip()
        if region is None or not investor or not project:
            return None
        others = Lead.objects.filter(
            region=region, investor_name=investor, project_name=project, is_archived=False
        )
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        return others.select_related("region").first()

    def clean(self):
        cleaned = super().clean()
        owner, region = cleaned.get("owner"), cleaned.get("region")
        if (
            owner is not None
            and region is not None
            and not owner.region.path.startswith(region.path)
        ):
            self.add_error("owner", _("%(o)s 不是%(r)s的干部") % {"o": owner, "r": region})
        days = {name: getattr(self.instance, name) for name in STEP_DAYS}
        if self.instance.pk:
            days["moved_on"] = talks.move_days([self.instance.pk]).get(self.instance.pk, (None,))[0]
        problem = recorded_on_problem(cleaned.get("recorded_on"), days)
        if problem:
            self.add_error("recorded_on", problem)
        twin = self._twin(cleaned)
        if twin is not None:
            # one lead an investor's project: a second would count its signing twice
            self.add_error(
                "project_name",
                _("%(r)s已有该投资方的同一项目线索（%(d)s登记，%(s)s），请在该线索上继续跟进")
                % {
                    "r": twin.region,
                    "d": f"{twin.recorded_on:%Y年%m月%d日}",
                    "s": twin.get_status_display(),
                },
            )
        problem = province_problem(cleaned)
        if problem:
            self.add_error("home_province", problem)
        return cleaned


def investor_uscc(text: str) -> str:
    """The investor's credit code as the registry writes it, checked as the registry checks
    it (``ValidationError`` with the reason); blank stays blank."""
    code = normalise_uscc(text)
    if code:
        problem = uscc_problem(code)
        if problem:
            raise forms.ValidationError(_("统一社会信用代码%(p)s") % {"p": problem})
    return code


# the days a lead records as it moves, which its recording day may not come after
STEP_DAYS = ("signed_on", "contacted_on", "negotiating_on", "dropped_on")


def province_problem(values: dict) -> str | None:
    """Writes ``values``' home province by its full name (``rules.home_province``: 境外 for an
    investor from abroad who gives none), or says why it is no province; a form's and an
    import row's values alike."""
    if "home_province" not in values:
        return None
    try:
        values["home_province"] = rules.home_province(
            values["home_province"] or "", values.get("investor_country") or ""
        )
    except ValueError as exc:
        return str(exc)
    return None


def dates_problem(start, end) -> tuple[str, str] | None:
    """Why an activity cannot run from ``start`` to ``end``, as (field, reason), or ``None``.
    An activity is recorded once it has begun: one dated ahead would count in the statistics
    and the 一月一招商 check of a month still to come."""
    if start and start > actions.today():
        return "start_date", _("开始日期不能晚于今天：招商活动开展后再登记")
    if start and end and end < start:
        return "end_date", _("结束日期不能早于开始日期")
    return None


def recorded_on_problem(recorded, days: dict) -> str | None:
    """Why ``recorded`` cannot be a lead's recording day, given the lead's ``days`` (those of
    ``STEP_DAYS`` it has; none for a new lead), or ``None``."""
    if not recorded:
        return None
    if recorded > actions.today():
        return _("登记日期不能晚于今天")
    signed = days.get("signed_on")
    if signed and recorded > signed:
        return _("登记日期不能晚于签约日期")
    # a lead is contacted, negotiated and dropped after it was recorded: the statistics count a
    # negotiation from the later of the two days (rules.negotiations)
    for name in ("contacted_on", "negotiating_on", "dropped_on"):
        day = days.get(name)
        if day and recorded > day:
            label = Lead._meta.get_field(name).verbose_name
            return _("登记日期不能晚于%(step)s（%(day)s）") % {
                "step": label,
                "day": f"{day:%Y年%m月%d日}",
            }
    # the first move in its ledger: a move back clears the days above, not the moves made
    moved = days.get("moved_on")
    if moved and recorded > moved:
        return _("登记日期不能晚于第一次状态变更（%(day)s）") % {"day": f"{moved:%Y年%m月%d日}"}
    return None


class StatusForm(Form):
    status = forms.ChoiceField(
        label=_("新状态"),
        choices=[c for c in LeadStatus.choices if c[0] != LeadStatus.SIGNED],
    )
    date = forms.DateField(label=_("日期"), widget=DateInput())
    reason = forms.CharField(
        label=_("原因"), required=False, max_length=200, help_text=_("放弃或退回时必须填写")
    )

    def __init__(self, *args, lead, **kwargs):
        super().__init__(*args, **kwargs)
        # the lead's own status is no move, and a careless save should not move it backwards
        status = self.fields["status"]
        status.choices = [c for c in status.choices if c[0] != lead.status]
        status.initial = actions.next_status(lead.status)


class ReopenForm(Form):
    date = forms.DateField(label=_("日期"), widget=DateInput())
    reason = forms.CharField(label=_("重新启用的原因"), max_length=200)


class SignForm(ScopedFormMixin, forms.Form):
    date = forms.DateField(label=_("签约日期"), widget=DateInput())
    activity = forms.ModelChoiceField(
        label=_("签约活动"),
        queryset=Activity.objects.filter(is_archived=False),
        required=False,
        help_text=_("在推介会等活动上签约的，选择该活动"),
    )


class CheckForm(ScopedFormMixin, forms.Form):
    """A region and a year: the 一月一招商 grid."""

    region = forms.ModelChoiceField(
        label=_("地区"), queryset=Region.objects.filter(is_peer=False), to_field_name="code"
    )
    year = forms.IntegerField(label=_("年份"), min_value=2000, max_value=2100)


class StatsForm(ScopedFormMixin, forms.Form):
    """A region and a period of whole months: what the statistics and the 一月一招商 check are
    for."""

    region = forms.ModelChoiceField(
        label=_("地区"), queryset=Region.objects.filter(is_peer=False), to_field_name="code"
    )
    start = forms.CharField(
        label=_("起始月份"), widget=forms.TextInput(attrs={"type": "month"}), help_text="YYYY-MM"
    )
    end = forms.CharField(
        label=_("截止月份"), widget=forms.TextInput(attrs={"type": "month"}), help_text="YYYY-MM"
    )

    def clean(self):
        from .rules import Period, parse_month

        cleaned = super().clean()
        try:
            start = parse_month(cleaned.get("start", ""))
            end = parse_month(cleaned.get("end", ""))
            cleaned["period"] = Period.months(start, end)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None
        return cleaned
