"""Headless Debian Chromium driven by Playwright; never a downloaded browser."""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("MUJUN_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="package")
def browser():
    """One browser for the browser tests. Playwright's sync API keeps an event loop running in
    this thread while it is open; the tests' ORM calls are still synchronous, so Django's
    async-safety guard is lifted here, and both end when the package's tests end."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: the README's test command installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        yield browser
        browser.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser):
    # The tests' own predicates (wait_for_function with a string) are evaluated in the page,
    # which the platform's Content-Security-Policy forbids; test_csp_browser.py holds the
    # pages to the policy with a context that keeps it.
    context = browser.new_context(
        viewport={"width": 1440, "height": 900}, locale="zh-CN", bypass_csp=True
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def strict_page(browser):
    """A page that keeps the Content-Security-Policy; ``strict_page.violations`` lists what
    the browser refused."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.violations = []
    page.on(
        "console",
        lambda message: (
            page.violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    context.close()


@pytest.fixture
def screenshot(page):
    ARTIFACTS.mkdir(exist_ok=True)

    def take(name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def catalogue():
    """An earlier transactional test empties every table, the indicator catalogue its data
    migration seeded included; seeding again is idempotent (update_or_create by key)."""
    from importlib import import_module

    from django.apps import apps

    import_module("mujun.indicators.migrations.0002_seed_catalogue").seed(apps, None)
