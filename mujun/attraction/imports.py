"""Importing activities and leads from Excel: the whole file checked first, officials and
regions named as people write them, and a row matched to what is stored by its natural key,
so a second import changes nothing."""

from django import forms
from django.utils.dateparse import parse_date
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from mujun.core.forms import LabeledChoiceField
from mujun.core.imports import Column, Importer
from mujun.core.roles import ADD
from mujun.enterprises.imports import RegionField
from mujun.enterprises.rules import normalise_uscc
from mujun.officials.models import Official
from mujun.regions.models import Region

from . import actions
from .choices import ActivityKind, Channel, LeadCategory, Listing
from .forms import ActivityForm, LeadForm
from .models import Activity, Lead
from .rules import split_names


def _towns(user):
    return (
        Region.objects.for_user(user, ADD).filter(is_peer=False) if user else Region.objects.none()
    )


def _official(region, name: str):
    return (
        Official.objects.filter(
            region__path__startswith=region.path, name=name.strip(), is_archived=False
        ).first()
        if region is not None and name.strip()
        else None
    )


class ActivityImportForm(ActivityForm):
    """One row: the region by name or code, the officials by name."""

    kind = LabeledChoiceField(label=_("类型"), choices=ActivityKind.choices)
    leader = forms.CharField(label=_("带队干部"))
    officials = forms.CharField(label=_("参加干部"), required=False)

    class Meta(ActivityForm.Meta):
        fields = [f for f in ActivityForm.Meta.fields if f != "leads"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"] = RegionField(label=_("地区"), queryset=_towns(self.user))
        # left blank on a trip's row; a reception's blank is one batch (the template says so)
        self.fields["batches"].required = False
        if self.instance.pk:
            self.initial["leader"] = self.instance.leader.name
            self.initial["officials"] = "、".join(o.name for o in self.instance.officials.all())

    def clean_batches(self):
        batches = self.cleaned_data.get("batches")
        if batches is not None:
            return batches
        # blank: a stored row keeps its batches, a new one has one (ActivityForm.clean makes
        # it 0 for anything but a reception)
        return self.initial["batches"] if self.instance.pk else 1

    def clean(self):
        region = self.cleaned_data.get("region")
        if region is None and "region" in self.errors:
            # the officials are looked up in the row's region: without one, they cannot be
            # checked, and saying so beats the model's "leader may not be null"
            self.add_error("leader", _("地区有误，无法核对干部"))
            return super().clean()
        names = {"leader": [self.cleaned_data.get("leader", "")]}
        names["officials"] = split_names(self.cleaned_data.get("officials", ""))
        found = {}
        for field, wanted in names.items():
            found[field] = []
            for name in wanted:
                official = _official(region, name)
                if official is None and region is not None:
                    self.add_error(
                        field, _("%(r)s没有名为“%(n)s”的干部") % {"r": region, "n": name}
                    )
                elif official is not None:
                    found[field].append(official)
        self.cleaned_data["leader"] = found["leader"][0] if found["leader"] else None
        self.cleaned_data["officials"] = found["officials"]
        return super().clean()

    @cached_property
    def changed_data(self):
        """The row's cells that differ from what is stored, compared as values: a blank cell
        taken to mean the stored value, or 张三 for the official stored, is no change."""
        if self.instance.pk is None:
            return super().changed_data
        # what was stored is the form's initial: by now the instance holds the row's values
        # (ModelForm._post_clean); only its many-to-many is still as stored
        data, initial = self.cleaned_data, self.initial
        changed = [
            name
            for name in ("end_date", "destination", "investors", "batches", "note")
            if initial[name] != data[name]
        ]
        if {o.pk for o in self.instance.officials.all()} != {o.pk for o in data["officials"]}:
            changed.append("officials")
        return changed

    def has_changed(self):
        return self.instance.pk is None or bool(self.changed_data) or self.instance.is_archived


class ActivityImporter(Importer):
    key_field = "start_date"
    form_class = ActivityImportForm
    columns = [
        Column("region", "地区", required=True, help="镇街名称或区划代码"),
        Column("kind", "类型", required=True, help="外出招商、拜访企业、接待客商或推介会"),
        Column("start_date", "开始日期", required=True, help="如 2026-03-02"),
        Column("end_date", "结束日期", required=True, help="当天的活动与开始日期相同"),
        Column("destination", "目的地或地点"),
        Column("leader", "带队干部", required=True, help="干部名册中的姓名"),
        Column("officials", "参加干部", help="姓名，以顿号分隔"),
        Column("investors", "拜访或接待的客商", help="企业名称，以顿号分隔"),
        Column("batches", "接待批次", help="接待客商时填写，默认 1"),
        Column("note", "备注"),
    ]

    def row_key(self, data: dict) -> str:
        # an activity is its region, kind, first day and leader: the same trip written twice
        parts = [str(data.get(f, "")).strip() for f in ("region", "kind", "start_date", "leader")]
        return "|".join(parts) if all(parts) else ""

    def find_existing(self, key):
        region_text, kind, start, leader = key.split("|")
        towns = _towns(self.user)
        region = towns.filter(code=region_text).first() or towns.filter(name=region_text).first()
        kind = {str(label): k for k, label in ActivityKind.choices}.get(kind, kind)
        try:
            day = parse_date(start)
        except ValueError:
            day = None
        if region is None or day is None:
            # the form says what is wrong with the row
            return None
        return Activity.objects.filter(
            region=region, kind=kind, start_date=day, leader__name=leader
        ).first()

    def save_form(self, form):
        # the import bumped the version already; the verb checks it against what it read
        expected = None if form.instance.pk is None else form.instance.version - 1
        actions.save_activity(form, expected_version=expected, user=self.user)
        return True


class LeadImportForm(LeadForm):
    channel = LabeledChoiceField(label=_("渠道"), choices=Channel.choices)
    category = LabeledChoiceField(label=_("类别"), choices=LeadCategory.choices)
    listing = LabeledChoiceField(label=_("上市情况"), choices=Listing.choices, required=False)
    owner = forms.CharField(label=_("责任干部"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"] = RegionField(label=_("地区"), queryset=_towns(self.user))
        if self.instance.pk and self.instance.owner_id:
            self.initial["owner"] = self.instance.owner.name

    def clean(self):
        region, name = self.cleaned_data.get("region"), self.cleaned_data.get("owner", "")
        owner = _official(region, name)
        if name and owner is None and region is not None:
            self.add_error("owner", _("%(r)s没有名为“%(n)s”的干部") % {"r": region, "n": name})
        self.cleaned_data["owner"] = owner
        return super().clean()


class LeadImporter(Importer):
    key_field = "investor_name"
    form_class = LeadImportForm
    columns = [
        Column("region", "地区", required=True, help="镇街名称或区划代码"),
        Column("investor_name", "投资方", required=True),
        Column("investor_uscc", "投资方统一社会信用代码", help="18 位，含校验码"),
        Column("investor_country", "投资方国别", help="境外投资方填写"),
        Column("home_province", "投资方所在省份"),
        Column("home_city", "投资方所在城市"),
        Column("listing", "上市情况", help="上市企业、拟上市企业，或留空"),
        Column("project_name", "项目名称", required=True),
        Column(
            "channel",
            "渠道",
            required=True,
            help="以商引商、中介招商、驻点招商、协会商会、网络及其他",
        ),
        Column("category", "类别", required=True, help="产业项目或科技人才项目"),
        Column("industry_code", "行业", help="两位行业大类代码，如 34"),
        Column("intended_investment", "意向投资（万元）", help="单位：万元"),
        Column("owner", "责任干部", help="干部名册中的姓名"),
        Column("recorded_on", "登记日期", required=True, help="如 2026-03-02"),
        Column("note", "备注"),
    ]

    def row_key(self, data: dict) -> str:
        # a code as pasted (lower case, blanks) is the code stored: compared equal on re-import
        if data.get("investor_uscc"):
            data["investor_uscc"] = normalise_uscc(data["investor_uscc"])
        parts = [str(data.get(f, "")).strip() for f in ("region", "investor_name", "project_name")]
        return "|".join(parts) if all(parts) else ""

    def find_existing(self, key):
        region_text, investor, project = key.split("|")
        towns = _towns(self.user)
        region = towns.filter(code=region_text).first() or towns.filter(name=region_text).first()
        if region is None:
            return None
        return Lead.objects.filter(
            region=region, investor_name=investor, project_name=project
        ).first()

    def save_form(self, form):
        expected = None if form.instance.pk is None else form.instance.version - 1
        actions.save_lead(form, expected_version=expected, user=self.user)
        return True
