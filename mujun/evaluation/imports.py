"""Importing the year's enterprise data from the departments' files.

Each department sends its own columns (the statistics bureau value added and energy, the tax
bureau tax, the power company electricity…). A file updates only the columns it has, matched by
USCC and year, and every value it writes records the department chosen for the file.
"""

from functools import partial

from django import forms
from django.utils.translation import gettext_lazy as _

from mujun.core.bulk_imports import SetImporter, chunks, rows_by_key, where_in
from mujun.core.forms import ScopedModelForm
from mujun.core.imports import Column
from mujun.core.roles import CHANGE
from mujun.enterprises.models import Enterprise
from mujun.enterprises.rules import normalise_uscc

from . import rules
from .columns import HEADERS, cell_text, extras_for, value_field
from .engine.columns import SIZE_CLASS_VALUES
from .models import NUMBER_FIELDS, EnterpriseYear

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


class EnterpriseYearImportForm(ScopedModelForm):
    """The fields a row's cells are cleaned with (the import builds it once per file): the
    §2 columns and the flags and counts of the user's schemes."""

    uscc = forms.CharField(label=HEADERS["uscc"])
    name = forms.CharField(label=HEADERS["name"], required=False)  # for the reader only

    class Meta:
        model = EnterpriseYear
        fields = ["year", *VALUE_COLUMNS]

    def __init__(self, data=None, *, instance=None, user=None, extras=None):
        super().__init__(data, instance=instance, user=user)
        self.fields["size_class"] = SizeClassField(label=HEADERS["size_class"], required=False)
        for column in VALUE_COLUMNS[1:]:
            self.fields[column] = value_field(column, HEADERS[column])
        for column, (label, kind) in (extras or {}).items():
            self.fields[column] = value_field(column, label, kind)


UNKNOWN_ENTERPRISE = _("未找到该统一社会信用代码的企业（或不在您的管辖范围内）")


class EnterpriseYearImporter(SetImporter):
    """One department's file, checked and written as a set (core/bulk_imports.py): the
    enterprises of the file's codes that the user may change and their stored data of the
    file's years are read once. Each department has its own class below, named by the job
    that a long file becomes (core/jobs.py runs ``Class(user)``)."""

    model = EnterpriseYear
    model_fields = ("year", *VALUE_COLUMNS)
    key_field = "uscc"
    matched_by = _("统一社会信用代码和数据年度")

    def __init__(self, user, department: str = ""):
        super().__init__(user)
        self.department = department
        self.extras = extras_for(user)
        self.form_class = partial(EnterpriseYearImportForm, extras=self.extras)
        self.columns = [
            Column("uscc", HEADERS["uscc"], required=True, help="18 位统一社会信用代码"),
            Column("year", "数据年度", required=True, help="如 2022"),
            Column("name", HEADERS["name"], help="仅供核对，不导入"),
            Column("size_class", HEADERS["size_class"], help="规上/规下；空白取企业库中的规模"),
            *(Column(c, HEADERS[c], help=_help(c)) for c in [*NUMBER_FIELDS, "prior_d_years"]),
            *(Column(c, label, help=_extra_help(kind)) for c, (label, kind) in self.extras.items()),
        ]
        self.enterprises, self.stored = {}, {}

    def normalise_key(self, value):
        return normalise_uscc(value)

    def prepare(self, present):
        form = self.form_class(user=self.user)
        self.extra_fields = {c: form.fields[c] for c in self.extras if c in present}

    def key_of(self, values, text):
        year = values.get("year")
        return (text, year) if text and year is not None else None

    def load_stored(self, keys):
        """The enterprises of the file's codes that the user may change, and their stored data
        of the file's years, by (USCC, year)."""
        changeable = Enterprise.objects.for_user(self.user, CHANGE)
        self.enterprises = rows_by_key(
            changeable, "uscc", {uscc for uscc, _year in keys}, ["pk", "above_size"]
        )
        uscc_of = {row["pk"]: uscc for uscc, row in self.enterprises.items()}
        wanted = set(keys)
        years = {year for _uscc, year in keys}
        fields = ["pk", "enterprise_id", "year", *STORED_FIELDS, "extra", "sources"]
        stored = EnterpriseYear._base_manager.filter(year__in=years).order_by("pk")
        self.stored = {}
        for row in where_in(stored.values(*fields), "enterprise_id", list(uscc_of)):
            key = (uscc_of[row["enterprise_id"]], row["year"])
            if key in wanted:
                self.stored.setdefault(key, row)

    def check_row(self, row, present):
        if row.key[0] not in self.enterprises:
            return [("uscc", str(UNKNOWN_ENTERPRISE))]
        return []

    def written(self, row) -> dict:
        """What the row leaves stored (``rules.written_year``)."""
        enterprise = self.enterprises[row.key[0]]
        stored = self.stored.get(row.key)
        return rules.written_year(
            {name: stored[name] for name in NEW_YEAR} if stored else NEW_YEAR,
            values={c: row.values[c] for c in VALUE_COLUMNS if c in row.values},
            extra={c: cell_text(f, row.values[c]) for c, f in self.extra_fields.items()},
            department=self.department,
            registry_size="above" if enterprise["above_size"] else "below",
        )

    def write(self, rows, present, result, report):
        new, changes = [], {}
        for row in rows:
            values = self.written(row)
            stored = self.stored.get(row.key)
            if stored is None:
                new.append((row.key, values))
                continue
            change = {f: v for f, v in values.items() if stored[f] != v}
            if change:
                changes[stored["pk"]] = change
            else:
                result.unchanged += 1
        for objects in self.update_in_bulk(EnterpriseYear, changes):
            result.updated += len(objects)
        report(checked=len(rows), written=result.updated, problems=[])
        # model objects a chunk at a time: memory follows the file, not an object a row
        for part in chunks(new):
            objects = [
                EnterpriseYear(enterprise_id=self.enterprises[uscc]["pk"], year=year, **values)
                for (uscc, year), values in part
            ]
            self.create_objects_in_bulk(EnterpriseYear, objects)
            result.created += len(part)
            report(checked=len(rows), written=result.created + result.updated, problems=[])


# the stored columns a file may write, and a new row's values before it does
STORED_FIELDS = ("size_class", *NUMBER_FIELDS, "prior_d_years")
NEW_YEAR = {
    "size_class": "",
    **dict.fromkeys(NUMBER_FIELDS),
    "prior_d_years": 0,
    "extra": {},
    "sources": {},
}


def _help(column: str) -> str:
    if column == "prior_d_years":
        return "整数，空白为 0"
    if column.endswith("_wan"):
        return "单位：万元，可为负数"
    return "不能为负数"


def _extra_help(kind: str) -> str:
    return "是/否（1/0）" if kind == "flag" else "数值"
