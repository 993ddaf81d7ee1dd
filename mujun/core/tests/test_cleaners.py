from datetime import date
from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError

from mujun.core.cleaners import cleaner
from mujun.core.forms import YesNoField
from mujun.enterprises.imports import EnterpriseImportForm
from mujun.enterprises.models import validate_uscc


def outcome(clean, text):
    """What a cell comes to: its value, or the words of every problem."""
    try:
        return ("value", clean(text))
    except ValidationError as exc:
        return ("problem", exc.messages)


CELLS = [
    "",
    " ",
    "0",
    "007",
    "12",
    "-3",
    "12.5",
    "12.50",
    "1e3",
    "0.00001",
    "123456789012345678",
    "是",
    "否",
    "YES",
    "也许",
    "2015-03-01",
    "2015/3/1",
    "2015-02-30",
    "  甲公司 ",
    "甲\x00乙",
    "x" * 201,
    "万元",
    " 万元",
]

FIELDS = {
    "text, required, at most 10": forms.CharField(max_length=10),
    "text, optional": forms.CharField(required=False, max_length=200),
    "text, at least 3": forms.CharField(required=False, min_length=3),
    "yes or no": YesNoField(required=False),
    "yes or no, required": YesNoField(),
    "date, optional": forms.DateField(required=False),
    "date, required": forms.DateField(),
    "integer, 0 or more": forms.IntegerField(required=False, min_value=0),
    "integer, 1 to 12": forms.IntegerField(min_value=1, max_value=12),
    "decimal, 6 digits 2 places, 0 or more": forms.DecimalField(
        required=False, max_digits=6, decimal_places=2, min_value=0
    ),
    "decimal, 24 digits 8 places": forms.DecimalField(max_digits=24, decimal_places=8),
    "choice": forms.ChoiceField(choices=[("万元", "万元"), ("亿元", "亿元")]),
    "choice, optional": forms.ChoiceField(required=False, choices=[("", "—"), ("万元", "万元")]),
}


@pytest.mark.parametrize("kind", FIELDS)
def test_every_cell_comes_to_what_the_form_field_makes_of_it(kind):
    field = FIELDS[kind]
    clean = cleaner(field)
    assert clean is not field.clean  # a fast path was chosen for this type
    for text in CELLS:
        assert outcome(clean, text) == outcome(field.clean, text), (kind, text)


def test_the_common_cells_are_read_without_the_form_field(monkeypatch):
    fields = [
        forms.CharField(max_length=10),
        YesNoField(required=False),
        forms.DateField(required=False),
        forms.IntegerField(min_value=0),
        forms.DecimalField(max_digits=6, decimal_places=2, min_value=0),
        forms.ChoiceField(choices=[("万元", "万元")]),
    ]
    cells = ["甲公司", "是", "2015-03-01", "120", "12.5", "万元"]
    expected = ["甲公司", True, date(2015, 3, 1), 120, Decimal("12.5"), "万元"]
    for field in fields:
        monkeypatch.setattr(field, "clean", None)  # would fail if called
    assert [cleaner(f)(c) for f, c in zip(fields, cells, strict=True)] == expected


def test_a_cell_the_fast_path_refuses_is_worded_by_the_form_field():
    form = EnterpriseImportForm(user=None)
    area = cleaner(form.fields["land_area_mu"])
    assert outcome(area, "-3") == ("problem", ["面积不能为负数"])
    above = cleaner(form.fields["above_size"])
    assert outcome(above, "也许") == ("problem", ["应填“是”或“否”（或 1/0），实际为“也许”"])
    assert outcome(cleaner(form.fields["established_on"]), "2015-02-30")[0] == "problem"


def test_a_model_fields_own_validators_run_after_the_cell_is_read():
    clean = cleaner(forms.CharField(max_length=18), [validate_uscc])
    (kind, words) = outcome(clean, "91339102MA2XXXXXX0")
    assert kind == "problem" and "统一社会信用代码无效" in words[0]
    assert outcome(cleaner(forms.CharField(required=False), [validate_uscc]), "") == ("value", "")


def test_a_field_of_its_own_kind_is_cleaned_by_itself():
    class Shouting(forms.CharField):
        def to_python(self, value):
            return super().to_python(value).upper()

    field = Shouting()
    assert cleaner(field) == field.clean
    assert cleaner(field)("abc") == "ABC"


def test_a_region_by_code_or_name_is_looked_up_in_what_the_import_read():
    from mujun.indicators.imports import RegionByCodeOrName
    from mujun.regions.models import Region

    town = Region(pk=7, code="339102001", name="城关街道")
    known = {"339102001": town, "城关街道": town}
    field = RegionByCodeOrName(queryset=Region.objects.none(), known=known)
    clean = cleaner(field)
    assert clean is not field.clean
    assert clean("城关街道") is town and clean(" 339102001") is town
    for text in ("", "火星镇"):
        assert outcome(clean, text) == outcome(field.clean, text)
    assert "火星镇" in outcome(clean, "火星镇")[1][0]
