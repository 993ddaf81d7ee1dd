"""The evaluation's forms. Choice fields are scoped to the user (STYLE.md §2)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mujun.core.forms import DateInput, Form, ScopedModelForm
from mujun.core.roles import MANAGE

from .actions import EvaluationProblem, check_scheme
from .choices import Department
from .columns import HEADERS, cell_text, extra_columns, value_field
from .engine.loader import shipped_schemes
from .models import FIRST_YEAR, LAST_YEAR, NUMBER_FIELDS, Scheme

# the shipped schemes are a few thousand characters
SCHEME_MAX_CHARS = 100_000


class SchemeForm(ScopedModelForm):
    """A scheme typed, pasted, uploaded or started from a shipped one; checked by the engine's
    loader, whose messages are listed one per line as ``mujun evaluate`` prints them."""

    upload = forms.FileField(
        label=_("上传方案文件（.toml）"),
        required=False,
        help_text=_("上传后以文件内容为准，覆盖下方文本"),
    )

    class Meta:
        model = Scheme
        fields = ["region", "year", "text"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 28, "class": "mono", "spellcheck": "false"})
        }
        help_texts = {
            "year": _("空白时取方案文件中的 year"),
            "text": _("格式见 EVALUATION.md §3；名称与依据文件取自文件中的 name 与 source"),
        }

    # schemes are written by those who manage the region's users and regions (admins)
    scope_action = MANAGE

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.choose_by("region", "code")
        self.fields["year"].required = False
        self.fields["text"].required = False
        self.problems: list[str] = []

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("upload")
        text = cleaned.get("text") or ""
        if upload is not None:
            if upload.size > SCHEME_MAX_CHARS * 4:
                raise forms.ValidationError(_("方案文件过大：评价方案是几页的文本"))
            try:
                text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError(_("方案文件须为 UTF-8 编码的文本")) from None
        if not text.strip():
            raise forms.ValidationError(_("请填写或上传方案文件"))
        if len(text) > SCHEME_MAX_CHARS:
            raise forms.ValidationError(
                _("方案文件过长（%(n)s 字），上限为 %(limit)s 字")
                % {"n": f"{len(text):,}", "limit": f"{SCHEME_MAX_CHARS:,}"}
            )
        cleaned["text"] = text
        try:
            parsed = check_scheme(text, upload.name if upload is not None else "方案")
        except EvaluationProblem as exc:
            self.problems = exc.problems
            raise forms.ValidationError(
                _("方案有 %(n)s 处问题，未保存") % {"n": len(exc.problems)}
            ) from None
        year = cleaned.get("year") or parsed.year
        if year is None:
            self.add_error("year", _("方案文件未写 year，请填写评价年度"))
        elif parsed.year is not None and cleaned.get("year") and parsed.year != cleaned["year"]:
            self.add_error("year", _("与方案文件中的 year（%(y)s）不一致") % {"y": parsed.year})
        cleaned["year"] = year
        self.parsed = parsed
        region = cleaned.get("region")
        if region is not None and year is not None:
            # the natural key (region, year, name) is read from the text, not a field of the
            # form, so the model's constraint is checked here
            same = Scheme.objects.filter(region=region, year=year, name=parsed.name)
            if same.exclude(pk=self.instance.pk).exists():
                raise forms.ValidationError(
                    _("%(region)s %(year)s 年度已有同名方案“%(name)s”；请修改方案文件中的 name")
                    % {"region": region.name, "year": year, "name": parsed.name}
                )
        return cleaned

    def save(self, commit=True):
        scheme = super().save(commit=False)
        scheme.text = self.cleaned_data["text"]
        scheme.year = self.cleaned_data["year"]
        scheme.name = self.parsed.name
        scheme.source = self.parsed.source[:500]
        if commit:
            scheme.save()
        return scheme


def shipped_choices():
    return [("", _("（空白）")), *((name, name) for name in shipped_schemes())]


class RunForm(Form):
    year = forms.IntegerField(label=_("数据年度"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    note = forms.CharField(label=_("说明"), max_length=300, required=False)


class PublicityForm(Form):
    start = forms.DateField(label=_("公示开始"), widget=DateInput())
    end = forms.DateField(label=_("公示截止"), widget=DateInput())


class ObjectionForm(Form):
    """The enterprise's note and its corrected figures; an empty field is not a correction."""

    note = forms.CharField(
        label=_("异议说明"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def __init__(self, *args, scheme_text: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.columns = ["size_class", *NUMBER_FIELDS, "prior_d_years"]
        self.fields["size_class"] = forms.ChoiceField(
            label=HEADERS["size_class"],
            required=False,
            choices=[("", "—"), ("above", _("规上")), ("below", _("规下"))],
        )
        for column in self.columns[1:]:
            self.fields[column] = value_field(column, HEADERS[column])
        holder = type("S", (), {"text": scheme_text, "name": "方案"})
        for column, (label, kind) in extra_columns([holder]).items():
            self.columns.append(column)
            self.fields[column] = value_field(column, label, kind)

    def clean_prior_d_years(self):
        raw = self.data.get("prior_d_years", "")
        return self.cleaned_data["prior_d_years"] if str(raw).strip() else None

    def corrections(self) -> dict[str, str]:
        """column -> corrected cell, only for the fields filled in."""
        found = {}
        for column in self.columns:
            raw = str(self.data.get(column, "")).strip()
            if not raw:
                continue
            value = self.cleaned_data.get(column)
            found[column] = (
                value if column == "size_class" else cell_text(self.fields[column], value)
            )
        return found


class ResolveForm(Form):
    decision = forms.ChoiceField(
        label=_("处理结果"), choices=[("accept", _("采纳并重算")), ("reject", _("不予采纳"))]
    )
    resolution = forms.CharField(
        label=_("处理意见"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ImportDepartmentForm(Form):
    department = forms.ChoiceField(
        label=_("数据来源部门"),
        choices=[c for c in Department.choices if c[0] != Department.OBJECTION],
    )
