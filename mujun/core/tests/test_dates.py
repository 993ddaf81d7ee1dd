"""Every date input renders ISO ``YYYY-MM-DD`` (issue 21, item 4), whatever the language."""

import importlib
import pkgutil
from datetime import date

import django_filters
import pytest
from django import forms
from django.utils import translation

import mujun
from mujun.core.forms import DateInput


def _import_all(suffix: str):
    for info in pkgutil.iter_modules(mujun.__path__):
        try:
            importlib.import_module(f"mujun.{info.name}.{suffix}")
        except ModuleNotFoundError as exc:
            if not exc.name.startswith(f"mujun.{info.name}"):
                raise


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_every_form_date_field_uses_the_iso_date_input():
    _import_all("forms")
    _import_all("imports")
    found = []
    for form in _subclasses(forms.BaseForm):
        if not form.__module__.startswith("mujun."):
            continue
        for name, field in getattr(form, "base_fields", {}).items():
            if isinstance(field, forms.DateField) and not isinstance(field, forms.DateTimeField):
                found.append(f"{form.__name__}.{name}")
                assert isinstance(field.widget, DateInput), f"{form.__name__}.{name}"
    assert len(found) >= 10  # enterprises, parcels, projects, stages, publicity, reports


def test_every_filter_date_uses_the_iso_date_input():
    _import_all("filters")
    for filterset in _subclasses(django_filters.FilterSet):
        if not filterset.__module__.startswith("mujun."):
            continue
        for name, f in filterset.base_filters.items():
            if isinstance(f, django_filters.DateFilter):
                assert isinstance(f.extra.get("widget"), DateInput), f"{filterset.__name__}.{name}"


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_date_input_renders_iso_in_every_language(language):
    with translation.override(language):
        html = DateInput().render("d", date(1998, 3, 12))
    assert 'type="date"' in html and 'value="1998-03-12"' in html
