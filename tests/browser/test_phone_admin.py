"""In real Chromium at 390 px (a phone) and 1280 px: the desk's pages fit the screen.

Reporters file from the street: the article form, the desk, the import preview and the
lists need no sideways scroll (`scrollWidth <= innerWidth`), fields are full width and the
body editor's toolbar wraps. Each page is kept as a screenshot for people to look at.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from seeds.accounts import ensure_demo_accounts
from tests.browser.signing import sign_in
from tests.browser.test_admin_layout import LONG_HEADLINE
from tests.factories import ArticleFactory, BylineFactory, PersonFactory, SectionFactory
from tests.importers.corpus.table import CORPUS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = [390, 1280]
OVERFLOW = """() => ({page: document.documentElement.scrollWidth, view: window.innerWidth,
  wide: [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1
                  && getComputedStyle(el).visibility !== 'hidden'
                  && el.getClientRects().length)
    .slice(0, 5).map(el => el.tagName + '#' + el.id + '.' + el.className)})"""


@pytest.fixture
def newsroom():
    ensure_demo_accounts()
    SectionFactory(name="News", slug="news")
    articles = [ArticleFactory(headline=f"{LONG_HEADLINE} {n}"[:110]) for n in range(6)]
    for article in articles:
        for name in ("Ada Mercer-Lindqvist", "Bo Ortega"):
            BylineFactory(article=article, person=PersonFactory(full_name=name))
    return articles


def assert_fits(page, name: str, width: int, artifacts) -> None:
    """Assert the page scrolls only down at this width, and keep its screenshot."""
    page.screenshot(path=str(artifacts / f"phone-{name}-{width}.png"), full_page=True)
    measured = page.evaluate(OVERFLOW)
    assert measured["page"] <= measured["view"], (name, measured)


def assert_on_top(page, selector: str) -> None:
    """Assert nothing covers the element: what is at its middle is it, or inside it."""
    on_top = page.locator(selector).first.evaluate(
        """el => { const r = el.getBoundingClientRect();
          const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
          return el.contains(hit); }"""
    )
    assert on_top, f"{selector} is covered by another element"


def assert_full_width(page, selector: str, width: int) -> None:
    """Assert a field takes (nearly) the whole width of a phone's screen."""
    if width > 600:
        return
    box = page.locator(selector).first.bounding_box()
    assert box["width"] >= width * 0.8, (selector, box)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_desk_form_lists_and_import_preview_fit_a_phone(
    browser, live_server, newsroom, artifacts, width
):
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    page.set_default_timeout(20_000)
    sign_in(page, live_server.url, "editor")
    assert_fits(page, "desk", width, artifacts)
    assert_on_top(page, ".desk-list h2")

    page.goto(live_server.url + reverse("admin:articles_article_changelist"))
    assert_fits(page, "article-list", width, artifacts)

    page.goto(live_server.url + reverse("admin:people_person_changelist"))
    assert_fits(page, "people-list", width, artifacts)

    article = newsroom[0]
    page.goto(live_server.url + reverse("admin:articles_article_change", args=[article.pk]))
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.wait_for()
    assert_fits(page, "article-form", width, artifacts)
    assert_full_width(page, "#id_headline", width)
    assert_full_width(page, ".ProseMirror[contenteditable=true]", width)
    menubar = page.locator(".prose-menubar").first.bounding_box()
    assert menubar["x"] + menubar["width"] <= width  # the toolbar wraps rather than spills
    editor.click()
    page.keyboard.type(" Typed on a phone.")
    expect(editor).to_contain_text("Typed on a phone.")

    page.goto(live_server.url + reverse("admin:articles_article_import"))
    page.get_by_label("Paste the copy").fill((CORPUS / "ap_dam_inspection.txt").read_text())
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_role("button", name="Create the draft")).to_be_visible()
    assert_fits(page, "import-preview", width, artifacts)
    assert_full_width(page, "#id_review-headline", width)
    context.close()
