"""Importing the year's enterprise data from the departments' files.

Each department sends its own columns (the statistics bureau value added and energy, the tax
bureau tax, the power company electricity…). A file updates only the columns it has, matched by
USCC and year, and every value it writes records the department chosen for the file.
"""

from functools import partial

from django import forms
from django.utils.translation import gettext_lazy as _

from mujun.core.forms import ScopedModelForm
from mujun.core.imports import Column, Importer
from mujun.enterprises.models import Enterprise
from mujun.enterprises.rules import normalise_uscc

from .columns import HEADERS, cell_text, extras_for, value_field
from .engine.columns import SIZE_CLASS_VALUES
from .models import FIRST_YEAR, LAST_YEAR, NUMBER_FIELDS, EnterpriseYear

VALUE_COLUMNS = ["size_class", *NUMBER_FIELDS, "prior_d_years"]


class SizeClassField(forms.CharField):
    """规上/规下 as people type them (above/below, 规模以上…); empty means the registry's."""

    def to_python(self, value):
        text = str(value or "").strip()
        if not text:
            return ""
        size = SIZE_CLASS_VALUES.get(text.lower() if text.isascii() else text)
        if size is None:
            raise forms.ValidationError(_("应为“规上”或“规下”，实际为“%(v)s”"), params={"v": text})
        return size

    def has_changed(self, initial, data):
        try:
            value = self.to_python(data)
        except forms.ValidationError:
            return True
        return bool(value) and value != initial


class EnterpriseYearImportForm(ScopedModelForm):
    uscc = forms.CharField(label=HEADERS["uscc"])
    name = forms.CharField(label=HEADERS["name"], required=False)  # for the reader only

    class Meta:
        model = EnterpriseYear
        fields = ["year", *VALUE_COLUMNS]

    def __init__(self, data=None, *, instance=None, user=None, department="", extras=None):
        super().__init__(data, instance=instance, user=user)
        self.department = department
        self.extras = extras or {}
        self.fields["year"].min_value, self.fields["year"].max_value = FIRST_YEAR, LAST_YEAR
        self.fields["size_class"] = SizeClassField(label=HEADERS["size_class"], required=False)
        for column in VALUE_COLUMNS[1:]:
            self.fields[column] = value_field(column, HEADERS[column])
        for column, (label, kind) in self.extras.items():
            self.fields[column] = value_field(column, label, kind)
            stored = (instance.extra or {}).get(column) if instance else None
            if stored is not None:
                self.initial[column] = stored == "1" if kind == "flag" else stored
        # Only the columns the file has are read and written; the others keep their values.
        present = set(data) if data is not None else set(self.fields)
        self.written = [c for c in [*VALUE_COLUMNS, *self.extras] if c in present]
        for column in [*VALUE_COLUMNS, *self.extras]:
            if column not in present:
                del self.fields[column]

    def clean_uscc(self):
        uscc = normalise_uscc(self.cleaned_data["uscc"])
        self.enterprise = (
            Enterprise.objects.for_user(self.user, "change").filter(uscc=uscc).first()
            if self.user is not None
            else None
        )
        if self.enterprise is None:
            raise forms.ValidationError(_("未找到该统一社会信用代码的企业（或不在您的管辖范围内）"))
        return uscc

    def has_changed(self):
        """A value re-sent by another department changes where it came from."""
        # uscc and name find the row; they are not values of it.
        if set(self.changed_data) - {"uscc", "name"}:
            return True
        sources = self.instance.sources or {}
        return any(
            sources.get(c) != self.department for c in self.written if self.data.get(c, "").strip()
        )

    def apply(self) -> EnterpriseYear:
        """The instance with this row's columns written and their department recorded."""
        ey = self.save(commit=False)
        if ey.enterprise_id is None:
            ey.enterprise = self.enterprise
        if not ey.size_class:
            ey.size_class = "above" if self.enterprise.above_size else "below"
        extra, sources = dict(ey.extra or {}), dict(ey.sources or {})
        for column in self.written:
            value = self.cleaned_data.get(column)
            if column in self.extras:
                text = cell_text(self.fields[column], value)
                if text:
                    extra[column] = text
                else:
                    extra.pop(column, None)
            empty = value in (None, "")
            if empty:
                sources.pop(column, None)
            else:
                sources[column] = self.department
        ey.extra, ey.sources = extra, sources
        return ey


class EnterpriseYearImporter(Importer):
    key_field = "uscc"

    def __init__(self, user, department: str = ""):
        super().__init__(user)
        extras = extras_for(user)
        self.form_class = partial(EnterpriseYearImportForm, department=department, extras=extras)
        self.columns = [
            Column("uscc", HEADERS["uscc"], required=True, help="18 位统一社会信用代码"),
            Column("year", "数据年度", required=True, help="如 2022"),
            Column("name", HEADERS["name"], help="仅供核对，不导入"),
            Column("size_class", HEADERS["size_class"], help="规上/规下；空白取企业库中的规模"),
            *(Column(c, HEADERS[c], help=_help(c)) for c in [*NUMBER_FIELDS, "prior_d_years"]),
            *(Column(c, label, help=_extra_help(kind)) for c, (label, kind) in extras.items()),
        ]

    def row_key(self, data: dict) -> str:
        uscc = normalise_uscc(data.get("uscc", ""))
        data["uscc"] = uscc
        year = str(data.get("year", "")).strip()
        return f"{uscc}|{year}" if uscc and year else ""

    def find_existing(self, key):
        uscc, year = key.split("|")
        if not year.isdigit():
            return None
        return EnterpriseYear.objects.filter(enterprise__uscc=uscc, year=int(year)).first()

    def save_form(self, form):
        ey = form.apply()
        ey._history_user = self.user
        ey.save()
        return True


def _help(column: str) -> str:
    if column == "prior_d_years":
        return "整数，空白为 0"
    if column.endswith("_wan"):
        return "单位：万元，可为负数"
    return "不能为负数"


def _extra_help(kind: str) -> str:
    return "是/否（1/0）" if kind == "flag" else "数值"
