"""A spreadsheet column's cells turned into values, a plain function a column (issue 16).

A form field's ``clean`` costs a few microseconds a cell (``to_python``, ``validate``, every
validator, their messages prepared): for an import of 100,000 enterprises, 1.6 million cells,
that was most of the time spent checking the file. ``cleaner`` chooses once per column, from
the form field's type, a function that reads the common, valid cell directly — text within its
length, 是/否, an ISO date, a plain integer or decimal within its bounds, a choice, a region or
an indicator by its code or name from what the import read once — and hands any other
cell to the form field itself. A cell the fast path does not accept is never refused by it:
the form field decides, so a problem reads in the form's own words.
"""

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from django import forms
from django.core import validators as v
from django.core.exceptions import ValidationError

from .forms import YES_NO, YesNoField

# A date written as Excel and ISO write it: strptime through every format of
# DATE_INPUT_FORMATS in turn cost more than the rest of an enterprise row's cells.
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
PLAIN_DECIMAL = re.compile(r"-?(\d+)(?:\.(\d+))?")

_TEXT_VALIDATORS = (v.MaxLengthValidator, v.MinLengthValidator, v.ProhibitNullCharactersValidator)
_NUMBER_VALIDATORS = (v.MinValueValidator, v.MaxValueValidator)


def cleaner(field: forms.Field, extra: list | tuple = ()) -> Callable[[str], object]:
    """A function of a cell's text that returns the value ``field.clean`` would, or raises
    the ``ValidationError`` it would; ``extra`` validators (a model field's own, which the
    form field does not run) are run on a value that is not empty."""
    fast = _fast(field)
    clean = fast or field.clean
    if not extra:
        return clean

    def clean_and_validate(text):
        value = clean(text)
        if value not in field.empty_values:
            errors = []
            for validator in extra:
                try:
                    validator(value)
                except ValidationError as exc:
                    errors.extend(exc.messages)
            if errors:
                raise ValidationError(errors)
        return value

    return clean_and_validate


def _fast(field: forms.Field) -> Callable | None:
    """The fast path for ``field``'s type, ``None`` where the form field is used as it is (a
    subclass may read a cell its own way)."""
    kind = type(field)
    if kind is YesNoField and not field.validators:
        return _yes_no(field)
    if kind is forms.CharField and _only(field, _TEXT_VALIDATORS):
        return _text(field)
    if kind is forms.DateField and not field.validators:
        return _date(field)
    if kind is forms.IntegerField and _only(field, _NUMBER_VALIDATORS):
        return _integer(field)
    if kind is forms.DecimalField and _plain_decimal(field):
        return _decimal(field)
    if kind is forms.ChoiceField and not field.validators:
        return _choice(field)
    if isinstance(field, forms.ModelChoiceField) and getattr(field, "known", None) is not None:
        return _known(field)
    return None


def _plain_decimal(field) -> bool:
    """Whether the digits and places are bounded, with a whole digit allowed (a bare 0)."""
    if not _only(field, (*_NUMBER_VALIDATORS, v.DecimalValidator)) or field.localize:
        return False
    digits, places = field.max_digits, field.decimal_places
    return digits is not None and places is not None and digits > places


def _only(field, kinds) -> bool:
    return all(isinstance(validator, kinds) for validator in field.validators)


def _yes_no(field):
    def clean(text):
        value = YES_NO.get(str(text).strip().lower())
        return field.clean(text) if value is None else value

    return clean


def _text(field):
    longest, shortest = field.max_length, field.min_length or 0
    strip, empty, required = field.strip, field.empty_value, field.required

    def clean(text):
        value = text.strip() if strip else text
        if value:
            fits = (longest is None or len(value) <= longest) and len(value) >= shortest
            if fits and "\x00" not in value:
                return value
        elif not required:
            return empty
        return field.clean(text)

    return clean


def _date(field):
    required = field.required

    def clean(text):
        if not text and not required:
            return None
        value = text.strip()
        if ISO_DATE.fullmatch(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass  # 2026-02-30: the form field's own words say why
        return field.clean(text)

    return clean


def _integer(field):
    low, high, required = field.min_value, field.max_value, field.required
    if getattr(field, "step_size", None) is not None:
        return None

    def clean(text):
        if not text and not required:
            return None
        value = text.strip()
        if value.isascii() and value.isdigit():
            number = int(value)
            if (low is None or number >= low) and (high is None or number <= high):
                return number
        return field.clean(text)

    return clean


def _decimal(field):
    low, high, required = field.min_value, field.max_value, field.required
    places = field.decimal_places
    whole_digits = field.max_digits - places
    if getattr(field, "step_size", None) is not None:
        return None

    def clean(text):
        if not text and not required:
            return None
        value = text.strip()
        match = PLAIN_DECIMAL.fullmatch(value)
        # within the digits and places the field allows, written as Django's validator counts
        if match and len(match[1].lstrip("0")) <= whole_digits and len(match[2] or "") <= places:
            number = Decimal(value)
            if (low is None or number >= low) and (high is None or number <= high):
                return number
        return field.clean(text)

    return clean


def _choice(field):
    allowed = set()
    for key, label in field.choices:
        group = label if isinstance(label, list | tuple) else [(key, label)]
        allowed.update(str(k) for k, _label in group if k not in field.empty_values)
    required = field.required

    def clean(text):
        # as the form field reads it: the value exactly, not stripped
        if text in allowed:
            return text
        if not text and not required:
            return ""
        return field.clean(text)

    return clean


def _known(field):
    """A region or an indicator named by its code or its name, looked up in the field's
    ``known`` (what the importer read once: code or name → object)."""
    known = field.known

    def clean(text):
        found = known.get(text.strip())
        return field.clean(text) if found is None else found

    return clean
