import tempfile
from pathlib import Path

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from mujun.core.forms import DateInput, Form, ScopedFormMixin, ScopedModelForm
from mujun.core.uploads import MB, TooCostly, check_size, check_unpacked
from mujun.indicators.forms import MONTH_CHOICES, UNIT_CHOICES, YEAR_FIELD
from mujun.indicators.models import Indicator
from mujun.regions.models import Region

from . import review
from .models import ReportFact
from .text.io import SUFFIXES, UnreadableReport, read_document

UPLOAD_SUFFIXES = tuple(s for s in SUFFIXES if s != ".jsonl")
# amounts in any unit of the money families, and counts whatever the measure word
FACT_UNIT_CHOICES = [*UNIT_CHOICES, *[(u, u) for u in ("个", "家", "项")]]


def read_upload(name: str, data: bytes) -> str:
    """The text of an uploaded report, read exactly as ``mujun extract`` reads a file (the
    fact spans index this text). The parsers read from a path, so the upload is put in one."""
    suffix = Path(name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise UnreadableReport(
            _("不支持的文件类型“%(s)s”（可上传 %(ok)s）")
            % {"s": suffix or name, "ok": "、".join(UPLOAD_SUFFIXES)}
        )
    try:
        check_size(len(data), settings.MUJUN_UPLOAD_MAX_MB * MB)
        # a .docx is a zip: one that unpacks to hundreds of megabytes is refused unread
        check_unpacked(data, settings.MUJUN_UNPACKED_MAX_MB * MB)
    except TooCostly as exc:
        raise UnreadableReport(str(exc)) from None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"report{suffix}"
        path.write_bytes(data)
        try:
            text = read_document(path).text
        except Exception:
            # A damaged .docx or .pdf: the parsers' own messages are English and name the
            # temporary file on the server ("Package not found at '/tmp/…'").
            raise UnreadableReport(
                _("无法读取该文件：不是有效的 %(s)s 文件，或文件已损坏") % {"s": suffix}
            ) from None
    return checked_text(text)


def checked_text(text: str) -> str:
    """``text``, unless it is longer than a report may be (``MUJUN_REPORT_MAX_CHARS``)."""
    limit = settings.MUJUN_REPORT_MAX_CHARS
    if len(text) > limit:
        raise UnreadableReport(
            _("正文过长（%(n)s 字），上限为 %(limit)s 字；请只保留报告本身")
            % {"n": f"{len(text):,}", "limit": f"{limit:,}"}
        )
    return text


class ReportForm(Form):
    """A report pasted or uploaded, with its title and publication date."""

    title = forms.CharField(
        label=_("标题"), max_length=200, required=False, help_text=_("不填则取正文第一行")
    )
    published_on = forms.DateField(
        label=_("发布日期"),
        required=False,
        widget=DateInput(),
        help_text=_("报告里的“今年”“1-5月”按此日期定年份；不知道可不填"),
    )
    text = forms.CharField(
        label=_("粘贴正文"), required=False, widget=forms.Textarea(attrs={"rows": 14})
    )
    file = forms.FileField(
        label=_("或上传文件"),
        required=False,
        help_text=_("支持 .txt、.html、.docx、.pdf（扫描件没有文字层则读不出内容）"),
    )

    def clean(self):
        cleaned = super().clean()
        text, upload = cleaned.get("text") or "", cleaned.get("file")
        if upload is not None and text.strip():
            raise forms.ValidationError(_("请粘贴正文或上传文件，二选一"))
        if upload is not None:
            try:
                check_size(upload.size, settings.MUJUN_UPLOAD_MAX_MB * MB)
                text = read_upload(upload.name, upload.read())
            except (TooCostly, UnreadableReport) as exc:
                self.add_error("file", str(exc))
                return cleaned
            cleaned["filename"] = upload.name
        else:
            try:
                checked_text(text)
            except UnreadableReport as exc:
                self.add_error("text", str(exc))
                return cleaned
        if not text.strip():
            raise forms.ValidationError(_("没有读到正文：请粘贴报告全文或上传文件"))
        cleaned["text"] = text
        if not cleaned.get("title"):
            first = next(line.strip() for line in text.splitlines() if line.strip())
            cleaned["title"] = first[:60]
        return cleaned


class ReportFactForm(ScopedModelForm):
    """A reviewer's correction of one fact: region, indicator, period, value and flags."""

    indicator = forms.ModelChoiceField(
        label=_("指标"), queryset=Indicator.objects.all(), to_field_name="key"
    )
    unit = forms.ChoiceField(label=_("单位"), choices=FACT_UNIT_CHOICES)

    class Meta:
        model = ReportFact
        fields = [
            "region_name",
            "year",
            "month",
            "value",
            "unit",
            "yoy_pct",
            "is_target",
            "is_estimate",
        ]
        widgets = {"month": forms.Select(choices=[("", "—"), *MONTH_CHOICES])}
        help_texts = {"region_name": _("对标地区的全称，如“萍乡经济技术开发区”")}

    field_order = ["region_name", "indicator", "year", "month", "value", "unit", "yoy_pct"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("region_name", "year", "month", "value"):
            self.fields[name].required = True
        self.fields["year"].validators.extend(forms.IntegerField(**YEAR_FIELD).validators)
        # bound too, so that ``changed_data`` names the indicator only when it changed
        self.initial["indicator"] = self.instance.indicator_key
        if not self.is_bound and self.instance.unit not in dict(FACT_UNIT_CHOICES):
            self.initial["unit"] = ""

    def clean_region_name(self):
        name = self.cleaned_data["region_name"].strip()
        if not review.is_proper_name(name):
            raise forms.ValidationError(_("请填写地区全称，不要用“全区”“经开区”这样的简称"))
        return name

    def clean(self):
        cleaned = super().clean()
        indicator, value, unit = (cleaned.get(k) for k in ("indicator", "value", "unit"))
        if indicator is not None and value is not None and unit:
            try:
                review.stored_amount(value, unit, indicator.unit)
            except ValueError as exc:
                self.add_error("unit", str(exc))
        return cleaned

    def save(self, commit=True):
        self.instance.indicator_key = self.cleaned_data["indicator"].key
        # the reviewer vouched for the period: the reader's reading of it has no say now
        self.instance.corrected = True
        return super().save(commit)


class ReportFactsSetForm(ScopedFormMixin, forms.Form):
    """One region or one year for many facts of a report at once: every kept fact named
    ``region_from`` gets ``region_name``; every kept fact without a year gets ``year``."""

    region_from = forms.ChoiceField(label=_("把地区"), required=False)
    region_name = forms.CharField(
        label=_("改为"), max_length=50, required=False, help_text=_("对标地区的全称")
    )
    year = forms.IntegerField(label=_("年份不详的摘录定为"), required=False, **YEAR_FIELD)

    def __init__(self, *args, instance=None, initial=None, **kwargs):
        super().__init__(*args, initial=initial, **kwargs)
        self.instance = instance
        names = []
        if instance is not None:
            for fact in instance.facts.all():
                if fact.region_name and fact.region_name not in names:
                    names.append(fact.region_name)
        self.fields["region_from"].choices = [("", "—"), *[(n, n) for n in names]]

    def clean_region_name(self):
        name = self.cleaned_data["region_name"].strip()
        if name and not review.is_proper_name(name):
            raise forms.ValidationError(_("请填写地区全称，不要用“全区”“经开区”这样的简称"))
        return name

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("region_from")) != bool(cleaned.get("region_name")):
            raise forms.ValidationError(_("请同时选择原地区并填写新地区"))
        if not cleaned.get("region_name") and not cleaned.get("year"):
            raise forms.ValidationError(_("请填写地区或年份"))
        return cleaned


class CompareForm(ScopedFormMixin, forms.Form):
    """One indicator and one period; the user's own region against every peer."""

    indicator = forms.ModelChoiceField(label=_("指标"), queryset=Indicator.objects.all())
    region = forms.ModelChoiceField(
        label=_("本地区"), queryset=Region.objects.filter(is_peer=False)
    )
    year = forms.IntegerField(label=_("年份"), **YEAR_FIELD)
    month = forms.TypedChoiceField(label=_("截至月份"), choices=MONTH_CHOICES, coerce=int)
