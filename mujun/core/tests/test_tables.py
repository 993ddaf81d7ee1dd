"""A table's cells as the list page, its partial and the export show them."""

from decimal import Decimal
from types import SimpleNamespace

from django.utils.safestring import SafeString

from mujun.core.tables import Col, Table, attr, display


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


class TestShownColumns:
    class Rows(Table):
        default_columns = ("名称", "金额")
        columns = [
            Col("名称", attr("name")),
            Col("金额", attr("amount"), numeric=True),
            Col("层级", attr("tiers"), needs="tiers"),
            Col("联系领导", attr("leaders"), needs="leaders"),
        ]

    def test_the_chooser_lists_every_column_and_ticks_the_shown(self):
        assert self.Rows([]).choices() == [
            ("名称", True),
            ("金额", True),
            ("层级", False),
            ("联系领导", False),
        ]

    def test_what_the_rows_must_carry_follows_the_shown_columns(self):
        assert self.Rows([]).needs() == set()
        user = SimpleNamespace(table_columns={self.Rows.name(): ["名称", "层级"]})
        chosen = self.Rows([], user=user)
        assert [c.key for c in chosen.shown] == ["名称", "层级"]
        assert chosen.needs() == {"tiers"}


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


def test_display_rounds_half_up_like_every_figure():
    assert display(Decimal("1.00005")) == "1.0001"
    assert display(Decimal("1234.5")) == "1,234.5"


def test_the_amount_filter_writes_yi_from_one_yi_up():
    from mujun.core.templatetags.mujun import amount

    assert amount(Decimal("1548610")) == "154.86亿元"
    assert amount(Decimal("9999.5")) == "9999.5万元"
    assert amount(None) == "—"
