"""A reader searches the demo newsroom in Chromium: a typo, its suggestion, facets, axe."""

import pytest

from seeds.loader import load_newsroom

from .axe import violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = {"wide": 1280, "phone": 390}


def search_by_hand(page, url: str, words: str) -> None:
    """Type `words` into the search page's box and press its button."""
    page.goto(url + "/search/")
    page.get_by_label("Search for").fill(words)
    with page.expect_navigation():
        page.locator("#search-form").get_by_role("button", name="Search").click()


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_a_typo_is_answered_with_its_suggestions_results_and_open_facets(
    browser, live_server, artifacts, width
):
    load_newsroom()
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()

    search_by_hand(page, live_server.url, "univercity leaders")

    assert (
        "Showing results for “university leaders”" in page.locator(".search-fallback").inner_text()
    )
    facets = page.locator(".search-facets")
    assert facets.is_visible()  # shown openly, not folded under a heading
    assert facets.locator("h3", has_text="Section").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(artifacts / f"search-{width}.png"), full_page=True)
    found = {"results": violations(page)}

    first_section = facets.locator("h3:has-text('Section') + ul a").first
    with page.expect_navigation():
        first_section.click()
    assert "section=" in page.url
    assert page.locator(".search-result").count() >= 1
    found["narrowed"] = violations(page)
    context.close()
    assert {kind: lines for kind, lines in found.items() if lines} == {}


def test_the_results_and_facets_read_without_javascript(browser, live_server):
    load_newsroom()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()

    page.goto(live_server.url + "/search/?q=Cummings")

    assert page.locator(".search-result").count() >= 1
    assert page.locator(".search-facets a").count() >= 1
    assert page.get_by_role("link", name="Jonathan Cummings").count() >= 1
    context.close()
