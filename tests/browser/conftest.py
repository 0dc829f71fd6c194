"""Real headless Chromium through Playwright, with axe-core from node_modules."""

import os
from pathlib import Path

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in this thread; the test's own database
# work (fixtures, the seed) is still plain synchronous code, which Django must allow.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(settings.BASE_DIR, "node_modules", "axe-core", "axe.min.js")
ARTIFACTS = Path(settings.BASE_DIR, "test-artifacts")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def missing_tools() -> str:
    """Return why the browser tests cannot run here, or "" when they can."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (.ci/run installs Debian's chromium)"
    if not AXE.exists():
        return f"{AXE} is missing (run `npm ci` to install axe-core)"
    return ""


@pytest.fixture(scope="session")
def browser():
    """Yield a headless Chromium, or skip with the reason it cannot start."""
    reason = missing_tools()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests must run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """Yield a fresh browser page at a desktop size."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Return the folder that keeps screenshots for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
