"""Every menu page of the demo county for each demo role, and every link on those pages one
level deep, read as a county officer reads them: Chinese everywhere, amounts as officials write
them, no link the role cannot follow, the project list's flag on a 1440×900 screen — and the
demo itself current on the day it is built.

The county is built by the loader ``mujun demo`` uses, at a small scale (``SCALE``): every kind
of record, state and role is there, just fewer of each. Links are visited once per shape (the
path with its numbers as ``N`` and the names of its query parameters), so forty enterprise
pages cost one visit. Downloads are checked by status, the briefing's and the meeting pack's
Word text by python-docx. Logout and POST actions are forms, not links, and are never followed.
"""

import io
import re
from dataclasses import dataclass, field
from datetime import date
from importlib import import_module
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.apps import apps

from mujun.demo.context import DemoContext
from mujun.demo.loader import build_county

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

SCALE = 0.05
PASSWORD = "walk-pass-123"
# one demo user of each role (README, "Demo users"); demo-town2 is an officer as demo-town1 is
ROLES = ("demo-admin", "demo-leader", "demo-town1", "demo-viewer", "demo-dept")
# a download is the list's rows through the same table and scope as the page: one per shape
# for the whole walk, by status
DOWNLOAD_KEYS = {"export", "format"}

# Latin the field writes as is: statistical abbreviations, units and codes' names.
UNITS = {"GDP", "CPI", "PPI", "API", "USCC", "TOML"}
# Proper names, allowed because they are names, not words to translate:
PROPER_NAMES = {
    "Excel",  # the spreadsheet program the downloads open in, named as offices name it
    "Word",  # the word processor the briefing and the meeting pack open in
    "GeoJSON",  # the file format of the towns' boundaries, named as surveyors name it
    "EBD",  # a science park named in a published report the demo's reader quotes as printed
}

# Pages of the evaluation area whose wording and precision are being reworked in that area;
# their text is not checked here until that work lands (their links and status still are).
# Each entry: the page's shape → what is still wrong on it.
EVALUATION_PAGES_AWAITING_WORDING: dict[str, str] = {}

# A number of 10,000 or more written in 万元: from 1亿 up officials write 亿元. A table's
# figure and a unit in the next cell (innerText puts a tab between them) is a statistical
# table with a unit column, as the statistics bureau's tables are, not an amount written out.
WAN_OVER_YI = re.compile(r"(\d[\d,]*(?:\.\d+)?)[ \u00a0]?万元")
# a file's extension after its dot (.xlsx, .pdf) is a code, as is a token with a digit in it
TOKEN = re.compile(r"(?<![.\w])[A-Za-z0-9_&]+")
SKIPPED_PATHS = ("/accounts/logout/", "/admin/logout/", "/api/", "/static/", "/i18n/")
DOCUMENTS = ("/indicators/briefing/", "/projects/meeting/")


def english_words(text: str) -> set[str]:
    """Latin words of three letters or more: a token with a digit is a code (XM2024-0001, a
    credit code), and the field's units and the proper names above are allowed."""
    found = set()
    for token in TOKEN.findall(text):
        if any(c.isdigit() for c in token) or sum(c.isalpha() for c in token) < 3:
            continue
        if token in UNITS or token in PROPER_NAMES:
            continue
        found.add(token)
    return found


def wan_over_yi(text: str) -> set[str]:
    return {
        m.group(0)
        for m in WAN_OVER_YI.finditer(text)
        if float(m.group(1).replace(",", "")) >= 10000
    }


def shape(url: str) -> str:
    parts = urlsplit(url)
    path = re.sub(r"\d+", "N", parts.path)
    keys = sorted({k for k, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return path + ("?" + "&".join(keys) if keys else "")


def text_problems(text: str) -> list[str]:
    problems = []
    if words := english_words(text):
        problems.append(f"English {sorted(words)}")
    if "---------" in text:
        problems.append("empty choice ---------")
    if amounts := wan_over_yi(text):
        problems.append(f"万元 from 1亿 up {sorted(amounts)}")
    return problems


@dataclass
class Walk:
    base: str
    seen: set = field(default_factory=set)
    read: set = field(default_factory=set)
    downloads: set = field(default_factory=set)
    problems: list = field(default_factory=list)
    visited: int = 0
    usernames: list = field(default_factory=list)

    def note(self, who, url, what):
        self.problems.append(f"{who} {url.removeprefix(self.base)}: {what}")

    def links(self, page) -> list[str]:
        hrefs = page.eval_on_selector_all(
            "a[href]", "els => els.map(e => e.href).filter(h => h.startsWith(location.origin))"
        )
        out = []
        for href in hrefs:
            href = href.split("#")[0]
            path = urlsplit(href).path
            if not href or path.startswith(SKIPPED_PATHS):
                continue
            out.append(href)
        return list(dict.fromkeys(out))

    def visit(self, who, page, url, *, menu=False) -> bool:
        """Open ``url`` once per shape and role; True when it was an HTML page now shown in
        ``page``. A link whose shape another role's walk has already read is only asked for
        its status: its words are the same, only the menus and buttons differ by role, and
        those are read on the role's own menu pages."""
        key = shape(url)
        if key in self.seen or key in self.downloads:
            return False
        self.seen.add(key)
        if DOWNLOAD_KEYS & set(dict(parse_qsl(urlsplit(url).query))):
            self.downloads.add(key)
        self.visited += 1
        if not menu and key in self.read:
            return self.status_only(who, page, url)
        self.read.add(key)
        return self.open(who, page, url, key)

    def status_only(self, who, page, url) -> bool:
        response = page.request.get(url)
        if response.status >= 400:
            self.note(who, url, f"HTTP {response.status}")
        elif "/accounts/login/" in response.url and "/accounts/login/" not in url:
            self.note(who, url, "sent to the login page")
        return False

    def open(self, who, page, url, key) -> bool:
        try:
            # the pages load nothing after their HTML (no lazy htmx): the text is all there
            response = page.goto(url, wait_until="domcontentloaded")
        except Exception as exc:  # noqa: BLE001 — Playwright's only sign of a download
            if "Download is starting" not in str(exc):
                raise
            return self.download(who, page, url)
        status = response.status if response else 0
        if status >= 400:
            self.note(who, url, f"HTTP {status}")
            return False
        if "/accounts/login/" in page.url and "/accounts/login/" not in url:
            self.note(who, url, "sent to the login page")
            return False
        if "text/html" not in (response.headers.get("content-type") or ""):
            return False
        self.check_page(who, page, url, key)
        return True

    def download(self, who, page, url) -> bool:
        response = page.request.get(url)
        if response.status >= 400:
            self.note(who, url, f"download HTTP {response.status}")
        elif "wordprocessingml" in (response.headers.get("content-type") or ""):
            from docx import Document

            document = Document(io.BytesIO(response.body()))
            text = "\n".join(p.text for p in document.paragraphs)
            text += "\n".join(
                cell.text for table in document.tables for row in table.rows for cell in row.cells
            )
            for problem in text_problems(text):
                self.note(who, url, f"Word document: {problem}")
        return False

    def check_page(self, who, page, url, key):
        if key in EVALUATION_PAGES_AWAITING_WORDING:
            return
        text = page.title() + "\n" + page.inner_text("body")
        # what the page marks as code (an HTTP header, a token, a list's column of codes such
        # as the indicators' keys: core.tables.Col(code=True)) and the users' login names are
        # typed as they are
        for code in page.eval_on_selector_all("code, kbd", "els => els.map(e => e.innerText)"):
            text = text.replace(code, " ")
        for name in self.usernames:
            # the management site writes them in capitals (CSS text-transform)
            text = re.sub(re.escape(name), " ", text, flags=re.IGNORECASE)
        for problem in text_problems(text):
            self.note(who, url, problem)
        colons = page.eval_on_selector_all(
            "label", "els => els.map(e => e.innerText.trim()).filter(t => t.endsWith(':'))"
        )
        if colons:
            self.note(who, url, f"ASCII colon after labels {colons[:5]}")


def build_small_county():
    # an earlier transactional test empties every table, the rows data migrations seed included
    import_module("mujun.indicators.migrations.0002_seed_catalogue").seed(apps, None)
    import_module("mujun.projects.migrations.0002_project_tiers").add_tiers(apps, None)
    return build_county(
        DemoContext.create(seed=2024, password=PASSWORD, log=lambda *a: None, scale=SCALE)
    )


def login(browser, base, username):
    context = browser.new_context(
        viewport={"width": 1440, "height": 900}, locale="zh-CN", bypass_csp=True
    )
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("header .who")
    return context, page


def alert_column_on_screen(page, base) -> list[str]:
    """The flag beside the project's name and the reasons' column within 1440 pixels."""
    page.goto(f"{base}/projects/")
    problems = []
    header = page.locator("table th", has_text="预警原因").first
    box = header.bounding_box()
    if box is None or box["x"] + box["width"] > 1440:
        problems.append(f"预警原因 column off screen at 1440×900: {box}")
    badge = page.locator("table tbody td .badge").first
    if badge.count():
        box = badge.bounding_box()
        if box is None or box["x"] + box["width"] > 1440:
            problems.append(f"the alert badge off screen at 1440×900: {box}")
    else:
        problems.append("no alert badge on the project list")
    return problems


def demo_is_current(today: date) -> list[str]:
    """Item 6 of the county's stumbles: the demo follows the day it is built."""
    from mujun.evaluation.models import EvaluationRun
    from mujun.projects.choices import Stage
    from mujun.projects.demo import NOTES
    from mujun.projects.models import MonthlyReport, Project

    problems = []
    last_year = today.year - 1
    runs = EvaluationRun.objects.filter(year=last_year)
    if not runs.filter(status="published").exists():
        problems.append(f"{last_year}年度 evaluation not published: {list(runs.values('status'))}")
    last_month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    latest = MonthlyReport.objects.order_by("-year", "-month").values_list("year", "month").first()
    if latest != last_month:
        problems.append(f"reports reach {latest}, not last month {last_month}")
    future = Project.objects.filter(code__regex=rf"^XM({today.year + 1}|20[3-9]\d)")
    if future.exists():
        problems.append(f"project codes of a year to come: {list(future.values_list('code'))}")
    finished = set(NOTES[3])
    for project in Project.objects.prefetch_related("reports"):
        reports = sorted(project.reports.all(), key=lambda r: (r.year, r.month))
        completed = sum((r.completed_investment for r in reports), 0)
        if completed > project.total_investment:
            problems.append(f"{project.code} completed {completed} > total")
        if not reports:
            continue
        note = reports[-1].progress_note
        if project.stage in (Stage.PRODUCING, Stage.ACCEPTED) and note not in finished:
            problems.append(f"{project.code} {project.stage} last note {note}")
        if project.stage == Stage.STARTED and note in finished:
            problems.append(f"{project.code} {project.stage} last note {note}")
    return problems


def summary_defaults_to_the_last_month_reported(page, base, today: date) -> list[str]:
    """On 7 December the reports reach November: the summary opens 截至11月底."""
    last = today.month - 1 or 12
    page.goto(f"{base}/projects/summary/")
    sentence = page.inner_text("main")
    return [] if f"截至{last}月底" in sentence else [f"the summary does not open at {last}月"]


def test_every_menu_page_for_every_demo_role(browser, live_server):
    from mujun.accounts.models import User
    from mujun.projects.alerts import today

    build_small_county()
    base = live_server.url
    walk = Walk(
        base=base,
        usernames=sorted(User.objects.values_list("username", flat=True), key=len, reverse=True),
    )
    problems = demo_is_current(today())
    for username in ROLES:
        context, page = login(browser, base, username)
        # each role sees its own menu, and the same page may differ by role
        walk.seen = set()
        menu = page.eval_on_selector_all("header a[href]", "els => els.map(e => e.href)")
        pages = []
        for url in dict.fromkeys(menu):
            if walk.visit(username, page, url, menu=True):
                pages.append((url, walk.links(page)))
        for _, links in pages:
            for url in links:
                walk.visit(username, page, url)
        if username == "demo-town1":
            problems += alert_column_on_screen(page, base)
            problems += summary_defaults_to_the_last_month_reported(page, base, today())
        if username in ("demo-leader", "demo-town1"):
            for path in DOCUMENTS:
                page.goto(f"{base}{path}")
                word = page.locator("a", has_text="下载 Word").first.get_attribute("href")
                walk.download(username, page, f"{base}{path}{word}")
        context.close()
    problems += walk.problems
    # every role reached its menu and the links on it
    assert walk.visited > 20 * len(ROLES), walk.visited
    assert not problems, f"{len(problems)} problems in {walk.visited} pages:\n" + "\n".join(
        problems
    )
