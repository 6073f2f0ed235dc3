"""A real browser for page tests: Debian's chromium, driven by Playwright.

Playwright's own browser downloads are never used. Without chromium the tests are
skipped with a one-line reason, unless VITA_REQUIRE_BROWSER is set (CI sets it, so
they cannot be skipped there).
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# axe-core, installed from the npm registry by `make test` (tests/browser/package.json).
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
# Screenshots for reviewers, ignored by git.
ARTIFACTS = Path(__file__).parent.parent / "artifacts"
# Chromium's background services would call out to the network, which is closed here.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("VITA_REQUIRE_BROWSER"):
            pytest.fail("chromium is missing and VITA_REQUIRE_BROWSER is set")
        pytest.skip("Debian's chromium is not installed: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the tests' own database
    # calls (factories) are synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield launched
            launched.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture
def page_without_javascript(browser):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def axe_source():
    if not AXE.exists():
        if os.environ.get("VITA_REQUIRE_BROWSER"):
            pytest.fail("axe-core is missing and VITA_REQUIRE_BROWSER is set: run make test")
        pytest.skip("axe-core is not installed: make test installs it with npm")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def checked_page(browser, axe_source):
    """A page that can run axe-core on what it shows: `run_axe(page)` → the violations.
    axe is injected by the test (bypassing any Content Security Policy of the site)."""
    context = browser.new_context(locale="fr-FR", bypass_csp=True,
                                  viewport={"width": 1280, "height": 900})  # fmt: skip
    yield context.new_page()
    context.close()


def run_axe(page, source) -> list[dict]:
    page.add_script_tag(content=source)
    result = page.evaluate(
        "() => axe.run(document, {resultTypes: ['violations'], "
        "runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']})"
    )
    return result["violations"]


def screenshot(page, name: str) -> None:
    """The page at 1280 and 375 pixels wide, whole, under tests/artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=ARTIFACTS / f"{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


BROWSER_TESTS_RUN = []


def pytest_runtest_logreport(report):
    if report.when == "call" and "tests/browser/" in report.nodeid:
        BROWSER_TESTS_RUN.append(report.nodeid)


def pytest_terminal_summary(terminalreporter):
    terminalreporter.write_line(f"browser tests run (chromium): {len(BROWSER_TESTS_RUN)}")
