"""The lobby screen at 1920×1080, opened by a screen link as a lobby display opens it: nothing
overflows the display, no text is smaller than 24 px, the views rotate, and a server that stops
answering leaves the last figures up with the stale notice until it answers again. A
screenshot of each view goes to test-artifacts/ for review."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.browser.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWS = ["economy", "projects", "attraction", "evaluation"]

# Every element of the stage that shows text or takes room, measured in the page: what lies
# outside 1920×1080 (the scrolling list's rows excepted, which its box clips on purpose) and
# the smallest font size of any visible text.
MEASURE = """() => {
  const out = [];
  let smallest = 1000, where = "";
  for (const el of document.querySelectorAll("#stage *")) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || el.closest("[hidden]")) continue;
    if (!el.closest(".scroller") && (r.left < -0.5 || r.top < -0.5 || r.right > 1920.5 || r.bottom > 1080.5)) {
      out.push(el.tagName + "." + el.className + " " + JSON.stringify([r.left, r.top, r.right, r.bottom]));
    }
    const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (own) {
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < smallest) { smallest = size; where = el.tagName + "." + el.className + " " + el.textContent.trim().slice(0, 20); }
    }
  }
  const doc = document.documentElement;
  return { outside: out, smallest: smallest, where: where,
           scroll: [doc.scrollWidth, doc.scrollHeight, window.innerWidth, window.innerHeight] };
}"""


@pytest.fixture
def county_screen(cast, catalogue):
    """A county with two towns' projects (one red, one yellow), a published evaluation, an
    indicator with its target, leads and a problem; and a screen link of the county."""
    from mujun.attraction.testing import make_lead
    from mujun.evaluation.choices import RunStatus
    from mujun.evaluation.testing import make_run
    from mujun.indicators.testing import make_target, make_value
    from mujun.projects.testing import make_project
    from mujun.screen.models import ScreenLink
    from mujun.service.testing import make_problem

    r = cast.regions
    today = timezone.localdate()
    for n in range(12):
        make_project(
            r.town1 if n % 2 else r.town2,
            name=f"滞后项目第{n + 1}号年产十万吨新材料生产线",
            stage="signed",
            planned_started=today - timedelta(days=45 if n % 3 else 200),
            total_investment=Decimal(5000 + 3000 * n),
        )
    run = make_run(r.town1, county=r.county, enterprises=6, year=today.year - 1)
    run.status = RunStatus.PUBLISHED
    run.save()
    for month in range(1, today.month + 1):
        make_value(r.county, value=str(200 * month), year=today.year, month=month)
        make_value(r.county, value=str(180 * month), year=today.year - 1, month=month)
    make_target(r.county, value="3000", year=today.year)
    make_lead(r.town1, recorded_on=date(today.year, 1, 10), signed_on=date(today.year, 2, 1))
    make_problem(r.town2, status="assigned", due_on=today - timedelta(days=3))
    link = ScreenLink(name="县政府一楼大厅", region=r.county)
    raw = link.new_key()
    link.save()
    return raw


@pytest.fixture
def big_page(browser):
    # the tests' predicates run in the page, which the policy forbids (conftest.page)
    context = browser.new_context(
        viewport={"width": 1920, "height": 1080}, locale="zh-CN", bypass_csp=True
    )
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def test_the_screen_fits_rotates_and_survives_a_silent_server(live_server, big_page, county_screen):
    page = big_page
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{live_server.url}/screen/?key={county_screen}&rotate=4&refresh=3")
    page.wait_for_function("() => document.getElementById('as-of').textContent !== '—'")
    assert page.inner_text(".head .region") == "青溪县"

    for view in VIEWS:
        page.wait_for_selector(f"#view-{view}:not([hidden])", timeout=15_000)
        page.wait_for_timeout(800)  # the charts' first animation
        measured = page.evaluate(MEASURE)
        assert measured["outside"] == [], (view, measured["outside"][:5])
        assert measured["smallest"] >= 24, (view, measured["where"])
        width, height, inner_width, inner_height = measured["scroll"]
        assert (width, height) == (inner_width, inner_height), view
        page.screenshot(path=str(ARTIFACTS / f"screen-{view}.png"))
    # the projects view rolled its list and drew its tiles
    assert page.locator("#view-projects .tile").count() == 2
    assert page.locator("#view-projects .lagging li").count() >= 12
    # charts are made once: one ECharts instance per chart container, however many refreshes
    page.wait_for_timeout(3500)
    instances = page.evaluate(
        "() => Array.from(document.querySelectorAll('.chart'))"
        ".filter(el => el.hasAttribute('_echarts_instance_')).length"
    )
    assert instances == page.locator(".chart").count()

    # the server stops answering: the figures stay, the notice says since when
    red = page.inner_text("#view-projects [data-bind=red]")
    page.route("**/api/screen/**", lambda route: route.abort("connectionrefused"))
    page.wait_for_selector("#stale:not([hidden])", timeout=15_000)
    assert page.inner_text("#stale").startswith("连接中断，数据截至 ")
    assert page.inner_text("#view-projects [data-bind=red]") == red
    page.screenshot(path=str(ARTIFACTS / "screen-stale.png"))

    # and answers again: the notice goes by itself
    page.unroute("**/api/screen/**")
    page.wait_for_selector("#stale", state="hidden", timeout=15_000)
    assert page.errors == []


def test_the_towns_are_drawn_on_the_countys_boundaries(live_server, big_page, cast, county_screen):
    from mujun.screen import boundaries
    from mujun.screen.models import ScreenLink, TownMap

    r = cast.regions
    TownMap.objects.create(region=r.county, geojson=boundaries.grid([r.town1.code, r.town2.code]))
    link = ScreenLink(name="县政府一楼大厅（项目）", region=r.county, views=["projects"])
    raw = link.new_key()
    link.save()
    page = big_page
    page.goto(f"{live_server.url}/screen/?key={raw}")
    page.wait_for_function(
        "() => { const el = document.getElementById('chart-projects-map');"
        " const chart = el && window.echarts.getInstanceByDom(el);"
        " const series = chart && chart.getOption().series;"
        " return !!(series && series.length && series[0].type === 'map'"
        " && series[0].data.length === 2); }",
        timeout=15_000,
    )
    assert page.locator("#view-projects .tile").count() == 0
    measured = page.evaluate(MEASURE)
    assert measured["outside"] == [] and measured["smallest"] >= 24, measured
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "screen-projects-map.png"))
    assert page.errors == []
