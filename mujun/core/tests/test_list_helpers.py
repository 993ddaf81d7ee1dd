"""Helpers the list pages lean on: filter widgets, table cells, the user's region, rounding."""

import time
from datetime import date
from decimal import Decimal
from html import escape
from types import SimpleNamespace

import pytest
from django import forms
from django.db import connection
from django.template import Context, Template
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext_lazy, override

from mujun.accounts.backends import RegionModelBackend
from mujun.core import kept
from mujun.core.forms import FilterForm as ScopedFilterForm
from mujun.core.forms import ListedModelChoiceField, per_language
from mujun.core.kept import listed_rows
from mujun.core.money import quantize
from mujun.core.planner import analyze
from mujun.core.tables import Col, Table, attr, display
from mujun.core.templatetags.mujun import filter_fields, filter_widget
from mujun.regions.models import Region

STAGES = [("", "全部"), ('a<"&>', '甲<"&>'), ("b", "乙")]
TIERS = [("x", "省重点"), ("y<", "市重大&")]


class FilterForm(forms.Form):
    q = forms.CharField(
        required=False, max_length=20, widget=forms.TextInput(attrs={"placeholder": "名称或编号"})
    )
    stage = forms.ChoiceField(required=False, choices=STAGES)
    billion = forms.BooleanField(required=False)
    since = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    amount = forms.DecimalField(required=False)
    tiers = forms.MultipleChoiceField(
        required=False, choices=TIERS, widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(required=False, widget=forms.Textarea)


def widgets(form) -> dict:
    return {name: filter_widget(form[name]) for name in form.fields}


class TestFilterWidget:
    def test_bound_values_are_selected_checked_and_escaped(self):
        form = FilterForm(
            {
                "q": 'x"<y',
                "stage": 'a<"&>',
                "billion": "on",
                "amount": "12.5",
                "tiers": ["y<"],
                "note": "<b>",
            }
        )
        html = widgets(form)
        assert all(isinstance(h, SafeString) for h in html.values())
        assert html["q"] == (
            '<input type="text" name="q" id="id_q" placeholder="名称或编号" maxlength="20"'
            ' value="x&quot;&lt;y">'
        )
        assert (
            '<option value="a&lt;&quot;&amp;&gt;" selected>甲&lt;&quot;&amp;&gt;</option>'
            in (html["stage"])
        )
        assert '<option value="" selected>' not in html["stage"]
        assert html["billion"] == '<input type="checkbox" name="billion" id="id_billion" checked>'
        assert 'type="number"' in html["amount"] and 'value="12.5"' in html["amount"]
        assert html["tiers"] == (
            '<div id="id_tiers">'
            '<label><input type="checkbox" name="tiers" value="x"> 省重点</label>'
            '<label><input type="checkbox" name="tiers" value="y&lt;" checked> 市重大&amp;</label>'
            "</div>"
        )
        for text in html.values():
            assert '<"' not in text and 'y<"' not in text and "<b>" not in text

    def test_each_choice_of_one_list_is_selected_in_turn(self):
        for key, _label in STAGES:
            html = widgets(FilterForm({"stage": key}))["stage"]
            assert html.count(" selected") == 1
            assert f'value="{escape(key)}" selected>' in html

    def test_unbound_form_shows_initial_date_and_nothing_chosen(self):
        form = FilterForm(initial={"since": date(2026, 1, 2)})
        html = widgets(form)
        assert html["since"] == '<input type="date" name="since" id="id_since" value="2026-01-02">'
        assert '<option value="" selected>全部</option>' in html["stage"]
        assert "checked" not in html["billion"] and "checked" not in html["tiers"]
        assert "value=" not in html["q"]  # an empty box has no value attribute

    def test_other_widgets_fall_back_to_django(self):
        form = FilterForm({"note": "<b>备注</b>"})
        html = filter_widget(form["note"])
        assert html == form["note"].as_widget()
        assert html.startswith("<textarea") and "&lt;b&gt;备注&lt;/b&gt;" in html

    def test_template_output_is_not_escaped_twice(self):
        page = Template("{% load mujun %}{{ form.stage|filter_widget }}").render(
            Context({"form": FilterForm({"stage": "b"})})
        )
        assert page.startswith('<select name="stage" id="id_stage">')
        assert '<option value="b" selected>乙</option>' in page and "&amp;lt;" not in page


class ArchiveForm(forms.Form):
    stage = forms.ChoiceField(label="阶段<", required=False, choices=STAGES)
    since = forms.DateField(label="日期", required=False)
    show_archived = forms.BooleanField(label="显示已归档", required=False)


class TestFilterFields:
    # the loop the list pages rendered their filters with before filter_fields
    LOOP = Template(
        "{% load mujun %}{% for field in form %}"
        '<div class="filter filter-{{ field.name }}">{% if field.name != "show_archived" %}'
        '<label for="{{ field.id_for_label }}">{{ field.label }}</label>{{ field|filter_widget }}'
        "{% else %}<label>{{ field|filter_widget }} {{ field.label }}</label>{% endif %}</div>"
        "{% endfor %}"
    )

    def test_the_same_html_as_the_template_loop(self):
        form = ArchiveForm({"stage": "b", "show_archived": "on"})
        assert form.is_valid()
        html = filter_fields(form)
        assert isinstance(html, SafeString)
        assert html == self.LOOP.render(Context({"form": form}))
        assert html.startswith('<div class="filter filter-stage"><label for="id_stage">阶段&lt;')
        assert '<label><input type="checkbox" name="show_archived"' in html

    def test_a_bad_value_says_what_is_wrong_beside_its_field(self):
        form = ArchiveForm({"since": "2026-13-01"})
        assert not form.is_valid()
        html = filter_fields(form)
        since = html[html.index("filter-since") : html.index("filter-show_archived")]
        assert 'class="errorlist' in since and str(form.errors["since"][0]) in since


class TestBodyHtml:
    class Rows(Table):
        columns = [
            Col("名称", attr("name"), link="projects:project"),
            Col("金额", attr("amount"), numeric=True),
            Col("户数", attr("count"), numeric=True),
            Col("亿元以上", attr("big")),
            Col("备注", attr("note")),
        ]

    def test_text_is_escaped_and_numbers_written_as_the_cells_say(self):
        rows = [
            SimpleNamespace(
                pk=7, name='甲<"&>', amount=Decimal("12345.67895"), count=3, big=True, note=None
            ),
            SimpleNamespace(
                pk=8, name="乙", amount=Decimal("-0.5"), count=0, big=False, note=["a<b", "c"]
            ),
        ]
        html = self.Rows(rows).body_html()
        assert isinstance(html, SafeString)
        assert html == (
            '<tr><td><a href="/projects/7/">甲&lt;&quot;&amp;&gt;</a></td>'
            '<td class="num">12,345.679</td><td class="num">3</td><td>是</td><td></td></tr>'
            '<tr><td><a href="/projects/8/">乙</a></td>'
            '<td class="num">-0.5</td><td class="num">0</td><td>否</td><td>a&lt;b、c</td></tr>'
        )
        texts = [[text for text, _href, _numeric in row] for row in self.Rows(rows).cells()]
        assert texts[0] == ['甲<"&>', "12,345.679", "3", "是", ""]


class TestAttr:
    region = SimpleNamespace(name="城关街道", label=lambda: "城关")
    row = SimpleNamespace(code="AB001", region=region, dates=lambda: {"started": None})

    def test_a_single_name(self):
        assert attr("code")(self.row) == "AB001"
        assert attr("missing")(self.row) is None

    def test_a_dotted_path(self):
        assert attr("region.name")(self.row) == "城关街道"
        assert attr("region.missing")(self.row) is None

    def test_callables_are_called(self):
        assert attr("dates")(self.row) == {"started": None}
        assert attr("region.label")(self.row) == "城关"

    def test_none_on_the_way_gives_none(self):
        assert attr("region.name")(SimpleNamespace(region=None)) is None


def test_display_returns_strings_unchanged():
    text = "城关<街道>"
    assert display(text) is text and display("") == ""
    assert (
        display(None) == "" and display(True) == "是" and display(Decimal("1234.5000")) == "1,234.5"
    )
    assert display(["省重点", "市重大"]) == "省重点、市重大"


@pytest.mark.django_db
class TestRegionModelBackend:
    def test_user_comes_with_its_region_in_one_query(self, cast, django_assert_num_queries):
        with django_assert_num_queries(1):
            user = RegionModelBackend().get_user(cast.town1.pk)
            assert user.region.name == "城关街道"
        assert user == cast.town1

    def test_unknown_or_inactive_user_is_none(self, cast):
        backend = RegionModelBackend()
        assert backend.get_user(987654) is None
        cast.town2.is_active = False
        cast.town2.save()
        assert backend.get_user(cast.town2.pk) is None

    def test_a_user_without_region_still_loads(self, cast):
        user = RegionModelBackend().get_user(cast.no_region.pk)
        assert user == cast.no_region and user.region is None

    def test_a_logged_in_session_loads_through_it(self, login, cast):
        client = login(cast.town1)
        response = client.get("/")
        assert response.status_code == 200 and "城关街道" in response.content.decode()
        assert client.session["_auth_user_backend"] == "mujun.accounts.backends.RegionModelBackend"


@pytest.mark.parametrize(
    "value, places, rounded",
    [
        (3, 2, Decimal("3.00")),
        ("2.675", 2, Decimal("2.68")),
        ("-2.5", 0, Decimal("-3")),
        ("0.00000000005", 10, Decimal("0.0000000001")),
        ("1.23456789015", 10, Decimal("1.2345678902")),
        ("125", -1, Decimal("1.3E+2")),
    ],
)
def test_quantize_takes_int_and_str_and_any_places(value, places, rounded):
    result = quantize(value, places)
    assert result == rounded and result.as_tuple().exponent == rounded.as_tuple().exponent


@pytest.mark.django_db
def test_analyze_gathers_statistics(cast):
    analyze()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'accounts_user'")
        else:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'accounts_user'")
        rows = cursor.fetchall()
    # the cast's eight users: SQLite's stat begins with the row count, PostgreSQL's is a float
    assert rows and float(str(rows[0][0]).split()[0]) == 8


class TestFilterWidgetLikeDjango:
    """Where the hand-built widgets must say what Django's own would."""

    def test_boolean_attributes_and_select_attributes(self):
        class Form(forms.Form):
            q = forms.CharField(widget=forms.TextInput(attrs={"autofocus": True, "hidden": False}))
            kind = forms.ChoiceField(
                choices=[("a", "甲")], widget=forms.Select(attrs={"class": "wide"})
            )

        form = Form()
        q, kind = filter_widget(form["q"]), filter_widget(form["kind"])
        assert " autofocus" in q and "autofocus=" not in q and "hidden" not in q
        assert kind.startswith('<select name="kind" id="id_kind" class="wide">')

    def test_a_single_string_value_is_one_choice_not_its_letters(self):
        class Form(forms.Form):
            tiers = forms.MultipleChoiceField(
                choices=[("a", "a"), ("b", "b"), ("ab", "ab")],
                widget=forms.CheckboxSelectMultiple,
            )

        html = filter_widget(Form(initial={"tiers": "ab"})["tiers"])
        assert 'value="ab" checked' in html
        assert 'value="a" checked' not in html and 'value="b" checked' not in html

    def test_a_select_without_choices_falls_back(self):
        class Form(forms.Form):
            flag = forms.NullBooleanField()

        form = Form({"flag": "true"})
        assert filter_widget(form["flag"]) == form["flag"].as_widget()

    def test_disabled_fields_say_so(self):
        class Form(forms.Form):
            q = forms.CharField(disabled=True)

        assert " disabled" in filter_widget(Form()["q"])


def test_display_rounds_half_up_like_every_figure():
    assert display(Decimal("1.00005")) == "1.0001"
    assert display(Decimal("1234.5")) == "1,234.5"


@pytest.mark.django_db
@pytest.mark.usefixtures("kept_rows")
class TestListedRows:
    """Towns and tiers for the filter forms, kept per query for a while (core/kept.py)."""

    def towns(self, user):
        return Region.objects.towns().for_user(user)

    def test_the_second_read_runs_no_query(self, cast, django_assert_num_queries):
        first = listed_rows(self.towns(cast.leader))
        with django_assert_num_queries(0):
            assert listed_rows(self.towns(cast.leader)) == first
        assert len(first) >= 2

    def test_each_scope_has_its_own_rows(self, cast):
        county = listed_rows(self.towns(cast.leader))
        town = listed_rows(self.towns(cast.town1))
        assert [r.name for r in town] == ["城关街道"] and len(county) > len(town)
        assert listed_rows(self.towns(cast.town2)) != town

    def test_a_saved_town_is_listed_at_once(self, cast):
        before = listed_rows(self.towns(cast.leader))
        town = Region.objects.get(pk=before[0].pk)
        town.name = "新名字街道"
        town.save()
        assert listed_rows(self.towns(cast.leader))[0].name == "新名字街道"

    def test_rows_expire(self, cast, monkeypatch):
        listed_rows(self.towns(cast.leader))
        # changed by another worker (an update sends no signal), then the seconds pass
        Region.objects.filter(pk=cast.town1.region_id).update(name="改名街道")
        assert "改名街道" not in [r.name for r in listed_rows(self.towns(cast.leader))]
        real = time.monotonic
        monkeypatch.setattr(kept.time, "monotonic", lambda: real() + 61)
        assert "改名街道" in [r.name for r in listed_rows(self.towns(cast.leader))]

    def test_without_seconds_nothing_is_kept(self, cast, settings, django_assert_num_queries):
        settings.MUJUN_CHOICES_CACHE_SECONDS = 0
        listed_rows(self.towns(cast.leader))
        with django_assert_num_queries(1):
            listed_rows(self.towns(cast.leader))


class TownFilterForm(ScopedFilterForm):
    town = ListedModelChoiceField(queryset=Region.objects.towns())


@pytest.mark.django_db
@pytest.mark.usefixtures("kept_rows")
class TestListedChoices:
    """A filter form's towns are kept under the form's field and the user's scope key, without
    compiling their SQL; any other queryset on the field is kept under its SQL."""

    def names(self, form):
        return [label for _key, label in form.fields["town"].choices][1:]

    def test_each_scope_reads_its_towns_once(self, cast, django_assert_num_queries):
        county = self.names(TownFilterForm(user=cast.leader))
        town = self.names(TownFilterForm(user=cast.town1))
        with django_assert_num_queries(0):
            assert self.names(TownFilterForm(user=cast.admin)) == county
            assert self.names(TownFilterForm(user=cast.town1)) == town
        assert town == ["城关街道"] and len(county) == 2
        assert self.names(TownFilterForm(user=cast.town2)) == ["东岭镇"]
        assert TownFilterForm(user=cast.town2).fields["town"].listed_key is not None
        assert self.names(TownFilterForm()) == []

    def test_a_queryset_set_on_the_field_is_kept_under_its_own_query(self, cast):
        assert len(self.names(TownFilterForm(user=cast.leader))) == 2
        form = TownFilterForm({"town": cast.regions.town1.pk}, user=cast.leader)
        form.fields["town"].queryset = Region.objects.filter(code=cast.regions.town2.code)
        assert self.names(form) == ["东岭镇"]
        assert not form.is_valid() and "town" in form.errors
        assert len(self.names(TownFilterForm(user=cast.leader))) == 2


def test_fixed_choices_are_translated_once_per_language():
    made = []

    def make():
        made.append(get_language())
        return [("", gettext_lazy("全部")), ("x", "甲")]

    choices = per_language(make)
    with override("zh-hans"):
        first = choices()
        assert choices() is first and all(type(label) is str for _key, label in first)
    with override("en"):
        choices()
    assert made == ["zh-hans", "en"]


@pytest.mark.django_db
@pytest.mark.usefixtures("kept_rows")
def test_a_kept_fields_option_texts_are_made_once_per_rows_and_language(cast):
    field = TownFilterForm(user=cast.leader).fields["town"]
    texts = field.choice_texts()
    assert texts == tuple((str(v), str(label)) for v, label in field.choices)
    assert texts[0] == ("", "---------") and len(texts) == 3
    assert TownFilterForm(user=cast.admin).fields["town"].choice_texts() is texts
    assert TownFilterForm(user=cast.town1).fields["town"].choice_texts() != texts
    with override("en"):
        assert TownFilterForm(user=cast.leader).fields["town"].choice_texts() is not texts
