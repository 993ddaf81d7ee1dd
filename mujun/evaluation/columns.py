"""The input columns as the platform shows and imports them: the engine's §2 columns plus
the flags and counts that the schemes in use name (veto, protect, exempt, bonus)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mujun.core.forms import YesNoField

from .engine.columns import FLAG, STANDARD
from .engine.loader import parse_scheme
from .engine.scheme import SchemeError
from .labels import header
from .models import NUMBER_FIELDS, Scheme

# Headers as the engine reads them, so one file serves the platform and ``mujun evaluate``.
HEADERS = {c: header(c) for c in STANDARD}

# Physical quantities cannot be negative; money can (EVALUATION.md §2, docs/evaluation.md).
NON_NEGATIVE = {"land_mu", "energy_tce", "emission_t", "employees", "electricity_wan_kwh"}


def extra_columns(schemes) -> dict[str, tuple[str, str]]:
    """column -> (Chinese label, kind) of every non-§2 column the given schemes read."""
    found: dict[str, tuple[str, str]] = {}
    for scheme in schemes:
        try:
            parsed = parse_scheme(scheme.text, scheme.name)
        except SchemeError:  # a stored scheme always parsed; a broken one names no column
            continue
        labels = {column: header for header, column in parsed.header_aliases().items()}
        for column, kind in parsed.column_kinds().items():
            if column not in STANDARD and column not in found:
                found[column] = (labels.get(column, column), kind)
    return found


def extras_for(user) -> dict[str, tuple[str, str]]:
    return extra_columns(Scheme.objects.for_user(user).filter(is_archived=False).order_by("-year"))


def value_field(column: str, label: str, kind: str | None = None, required=False):
    """The form field of one input column, checked as the engine checks the cell."""
    if kind == FLAG:
        return YesNoField(label=label, required=required)
    if column == "prior_d_years":
        return CountField(label=label, min_value=0, required=required)
    places = NUMBER_FIELDS.get(column, 6)
    field = forms.DecimalField(label=label, required=required, max_digits=18, decimal_places=places)
    if column in NON_NEGATIVE:
        field.validators.append(_not_negative)
    return field


class CountField(forms.IntegerField):
    """此前连续D类年数: a whole number, an empty cell is 0 (EVALUATION.md §2)."""

    def to_python(self, value):
        return super().to_python(value) or 0


def _not_negative(value):
    if value is not None and value < 0:
        raise forms.ValidationError(_("不能为负数"))


def cell_text(field, value) -> str:
    """A cleaned form value as the engine's cell: '1'/'0' for flags, the number as typed."""
    if value is None:
        return ""
    if isinstance(field, YesNoField):
        return "1" if value else "0"
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
