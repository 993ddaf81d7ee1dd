"""Importing the month's figures from Excel: one row per region, indicator and month, matched
by that natural key (region + indicator + year + month)."""

from dataclasses import dataclass, field
from functools import partial

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mujun.core.bulk_imports import SetImporter, chunks
from mujun.core.imports import Column
from mujun.core.roles import ADD
from mujun.regions.models import Region

from . import events, rules
from .choices import Source
from .forms import IndicatorValueForm
from .models import Indicator, IndicatorValue


class RegionByCodeOrName(forms.ModelChoiceField):
    """A region of the user's scope given by its code or its name, as people type it;
    ``known`` (code or name → region), when given, answers without a query."""

    default_error_messages = {"invalid_choice": _("未知的地区“%(value)s”（或不在您的管辖范围内）")}

    def __init__(self, *args, known=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.known = known

    def to_python(self, value):
        text = str(value or "").strip()
        if not text:
            return None
        if self.known is not None:
            match = self.known.get(text)
        else:
            match = self.queryset.filter(Q(code=text) | Q(name=text)).first()
        if match is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": text}
            )
        return match


class IndicatorByKeyOrName(forms.ModelChoiceField):
    default_error_messages = {"invalid_choice": _("未知的指标“%(value)s”（填指标代码或名称）")}

    def __init__(self, *args, known=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.known = known

    def to_python(self, value):
        text = str(value or "").strip()
        if not text:
            return None
        if self.known is not None:
            match = self.known.get(text)
        else:
            match = Indicator.objects.filter(Q(key=text) | Q(name=text)).first()
        if match is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": text}
            )
        return match


class PercentField(forms.DecimalField):
    """A growth rate as Excel users write it: 8.8, 8.8% or -3.2."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().rstrip("%％").strip()
        return super().to_python(value)


class IndicatorValueImportForm(IndicatorValueForm):
    """One spreadsheet row or one API item. ``has_changed`` compares what would be stored, so
    17.9 亿元 over a stored 179000 万元 is no change. ``known`` (an importer's ``Known``)
    resolves regions and indicators without a query a row."""

    def __init__(self, *args, known=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"] = RegionByCodeOrName(
            label=_("地区"),
            queryset=Region.objects.for_user(self.user, ADD)
            if self.user
            else Region.objects.none(),
            known=known.regions if known else None,
        )
        self.fields["indicator"] = IndicatorByKeyOrName(
            label=_("指标"),
            queryset=Indicator.objects.all(),
            known=known.indicators if known else None,
        )
        self.fields["yoy_pct"] = PercentField(
            label=_("同比增长（%）"), required=False, max_digits=9, decimal_places=2
        )
        self.fields["month"] = forms.IntegerField(label=_("月份"), min_value=1, max_value=12)

    def has_changed(self):
        if self.instance.pk is None:
            return True
        data = self.cleaned_data
        stored = self.instance
        return (
            stored.value != data["base_value"]
            or stored.yoy_pct != data.get("yoy_pct")
            or stored.note != (data.get("note") or "")
            or stored.is_archived
        )

    def validate_unique(self):
        # Rows are matched by their natural key before they are checked (the importer's
        # ``find_existing``), and a key twice in one file is refused: the unique constraint
        # holds without a query a row.
        pass

    def save(self, commit=True):
        self.instance.is_archived = False
        return super().save(commit)


@dataclass
class Known:
    """The regions a user may write to and the catalogue, by every name a file may use."""

    regions: dict = field(default_factory=dict)
    indicators: dict = field(default_factory=dict)

    @classmethod
    def for_user(cls, user) -> "Known":
        known = cls()
        for region in Region.objects.for_user(user, ADD):
            known.regions[region.code] = region
            known.regions.setdefault(region.name, region)
        for indicator in Indicator.objects.all():
            known.indicators[indicator.key] = indicator
            known.indicators[indicator.name] = indicator
        return known


class IndicatorValueImporter(SetImporter):
    """A file of figures checked and written as sets (core/bulk_imports.py): the regions the
    user may write to and the catalogue are read once, and the stored figures of the file's
    keys once. The API's batch (``actions.upsert_values``) checks its items with the import
    form through ``row_key``, ``prefetch`` and ``find_existing``."""

    model = IndicatorValue
    model_fields = ("region", "indicator", "year", "month", "yoy_pct", "note")
    key_field = "region"
    matched_by = _("地区、指标、年份和月份")
    columns = [
        Column("region", "地区", required=True, help="地区名称或区划代码（县 6 位、镇街 9 位）"),
        Column("indicator", "指标", required=True, help="指标代码或名称，见“指标目录”"),
        Column("year", "年份", required=True, help="如 2026"),
        Column("month", "月份", required=True, help="累计到的月份：5 表示 1 至 5 月"),
        Column("amount", "累计值", required=True, help="1 月至该月的累计数"),
        Column(
            "unit",
            "单位",
            required=True,
            help="元、万元、亿元；美元类指标填 美元、万美元、亿美元；计数指标填其计量单位",
        ),
        Column("yoy_pct", "同比增长（%）", help="来源给出时照录，下降填负数；不填则由系统计算"),
        Column("note", "备注"),
    ]

    def __init__(self, user):
        super().__init__(user)
        # the file's name, for the ledger
        self.filename = ""
        self.known = Known.for_user(user)
        self.form_class = partial(IndicatorValueImportForm, known=self.known)
        self._existing = None

    def row_key(self, data):
        """(region, indicator, year, month) with names resolved, so a region written by name in
        one row and by code in another is still one key; None until every part is known."""
        region = self.known.regions.get(str(data.get("region", "")).strip())
        indicator = self.known.indicators.get(str(data.get("indicator", "")).strip())
        try:
            year, month = int(str(data.get("year", ""))), int(str(data.get("month", "")))
        except ValueError:
            return None
        if region is None or indicator is None:
            return None
        return (region.pk, indicator.pk, year, month)

    def prefetch(self, keys):
        """The stored values of every key, in one query (bounded by the keys' regions,
        indicators and years, then matched exactly)."""
        wanted = set(keys)
        self._existing = {}
        if not wanted:
            return
        regions, indicators, years, _months = (set(part) for part in zip(*wanted, strict=True))
        stored = IndicatorValue.objects.filter(
            region_id__in=regions, indicator_id__in=indicators, year__in=years
        )
        for value in stored:
            key = (value.region_id, value.indicator_id, value.year, value.month)
            if key in wanted:
                self._existing[key] = value

    def find_existing(self, key):
        if self._existing is not None:
            return self._existing.get(key)
        region, indicator, year, month = key
        return IndicatorValue.objects.filter(
            region_id=region, indicator_id=indicator, year=year, month=month
        ).first()

    def run(self, name: str, content: bytes, progress=None):
        self.filename = name
        return super().run(name, content, progress=progress)

    # -- the set path ----------------------------------------------------------------------
    def key_of(self, values, text):
        parts = [values.get(f) for f in ("region", "indicator", "year", "month")]
        if any(part is None for part in parts):
            return None
        region, indicator, year, month = parts
        return (region.pk, indicator.pk, year, month)

    def load_stored(self, keys):
        self.prefetch_values(keys)

    def prefetch_values(self, keys):
        """The stored figures of every key as ``.values()`` rows, in one query per chunk of
        the keys' regions (bounded by their indicators and years, then matched exactly)."""
        wanted = set(keys)
        self.stored = {}
        if not wanted:
            return
        regions, indicators, years, _months = (set(part) for part in zip(*wanted, strict=True))
        fields = ["pk", "region_id", "indicator_id", "year", "month", "value", "yoy_pct"]
        fields += ["note", "is_archived"]
        for part in chunks(sorted(regions)):
            stored = IndicatorValue._base_manager.filter(
                region_id__in=part, indicator_id__in=indicators, year__in=years
            ).values(*fields)
            for row in stored:
                key = (row["region_id"], row["indicator_id"], row["year"], row["month"])
                if key in wanted:
                    self.stored[key] = row

    def check_row(self, row, present):
        values = row.values
        try:
            values["base_value"] = rules.to_base(
                values["amount"], values["unit"], values["indicator"].unit
            )
        except ValueError as exc:
            return [("unit", str(exc))]
        return []

    def write(self, rows, present, result, report):
        # a column left out of the file keeps what is stored (core/bulk_imports.py)
        optional = [f for f in ("yoy_pct", "note") if f in present]
        new, changes, previous = [], {}, {}
        for row in rows:
            values, stored = row.values, self.stored.get(row.key)
            if stored is None:
                new.append(row)
                continue
            change = {}
            if stored["value"] != values["base_value"]:
                change["value"] = values["base_value"]
            for name in optional:
                value = values[name] if name == "yoy_pct" else values[name] or ""
                if stored[name] != value:
                    change[name] = value
            if stored["is_archived"]:
                change["is_archived"] = False
            if not change:
                result.unchanged += 1
                continue
            change.update(entered_unit=values["unit"], source=Source.IMPORTED)
            changes[stored["pk"]] = change
            previous[stored["pk"]] = (stored["value"], values)
        for objects in self.update_in_bulk(IndicatorValue, changes):
            ledger = []
            for value in objects:
                before, values = previous[value.pk]
                value.region, value.indicator = values["region"], values["indicator"]
                ledger.append(self._event(value, before))
            events.save_all(ledger)
            result.updated += len(objects)
        for part in chunks(new):
            given = [
                {
                    "region_id": row.values["region"].pk,
                    "indicator_id": row.values["indicator"].pk,
                    "year": row.values["year"],
                    "month": row.values["month"],
                    "value": row.values["base_value"],
                    "entered_unit": row.values["unit"],
                    "yoy_pct": row.values.get("yoy_pct"),
                    "note": row.values.get("note") or "",
                    "source": Source.IMPORTED.value,
                }
                for row in part
            ]
            ids = self.create_in_bulk(IndicatorValue, given)
            # the ledger's words name the region and the indicator: the objects already read
            saved = [IndicatorValue(pk=pk, **values) for pk, values in zip(ids, given, strict=True)]
            for value, row in zip(saved, part, strict=True):
                value.region, value.indicator = row.values["region"], row.values["indicator"]
            events.save_all([self._event(value, None) for value in saved])
            result.created += len(part)
            report(checked=len(rows), written=result.created + result.updated, problems=[])

    def _event(self, value, previous):
        return events.imported(
            value=value,
            previous=previous,
            via=events.VIA_EXCEL,
            name=self.filename,
            user=self.user,
            commit=False,
        )

    def template_bytes(self) -> bytes:
        from mujun.core.spreadsheets import workbook_bytes

        notes = [
            "第一行为列名，请勿修改；每个地区、每个指标、每个月一行。带 * 的列必填。",
            "同一地区、指标、年份、月份已有数据时更新该数据；同一文件重复导入不会产生变化。",
        ]
        notes += [
            f"{c.header}{' *' if c.required else ''}：{c.help}" for c in self.columns if c.help
        ]
        notes.append("指标目录（代码 — 名称 — 计量单位）：")
        notes += [f"{i.key} — {i.name} — {i.unit}" for i in Indicator.objects.all()]
        return workbook_bytes(
            [c.header for c in self.columns], [], title="指标数据导入模板", notes=notes
        )
