"""In real Chromium at 1280 and 1024 px: the article form and list fit the screen."""

import pytest
from django.urls import reverse

from seeds.accounts import ensure_demo_accounts
from tests.browser.signing import sign_in
from tests.factories import ArticleFactory, BylineFactory, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LONG_HEADLINE = (
    "Harbour board confirms the winter timetable for the night ferries and the new late bus "
    "from the quay"
)


@pytest.fixture
def newsroom_list():
    ensure_demo_accounts()
    articles = [ArticleFactory(headline=f"{LONG_HEADLINE} {n}"[:110]) for n in range(8)]
    for article in articles:
        for name in ("Ada Mercer-Lindqvist", "Bo Ortega"):
            BylineFactory(article=article, person=PersonFactory(full_name=name))
    return articles


def boxes_overlap(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.mark.parametrize("width", [1280, 1024])
def test_the_form_and_the_list_fit_the_screen(
    browser, live_server, newsroom_list, artifacts, width
):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    sign_in(page, live_server.url, "editor")

    page.goto(live_server.url + reverse("admin:articles_article_changelist"))
    page.screenshot(path=str(artifacts / f"admin-article-list-{width}.png"), full_page=True)
    for column in ("Status", "Section", "Bylines", "Published"):
        assert page.locator("#result_list thead th", has_text=column).count() == 1, column
    widths = page.evaluate(
        "() => ({page: document.documentElement.scrollWidth, view: window.innerWidth,"
        " list: document.querySelector('#changelist .results').scrollWidth,"
        " listBox: document.querySelector('#changelist .results').clientWidth})"
    )
    assert widths["page"] <= widths["view"], widths
    assert widths["list"] <= widths["listBox"], widths  # the table needs no sideways scroll
    for header in page.locator("#result_list thead th").all():
        box = header.bounding_box()
        assert box["x"] + box["width"] <= width, header.inner_text()
    assert_tools_clear_of_title(page)

    article = newsroom_list[0]
    page.goto(live_server.url + reverse("admin:articles_article_change", args=[article.pk]))
    page.locator(".ProseMirror[contenteditable=true]").wait_for()
    page.screenshot(path=str(artifacts / f"admin-change-form-{width}.png"), full_page=True)
    headline = page.locator("#id_headline")
    fits = headline.evaluate(
        "el => ({text: el.scrollWidth, box: el.clientWidth,"
        " lines: el.scrollHeight, shown: el.clientHeight})"
    )
    # The whole headline shows: nothing scrolled out of sight, across or down.
    assert fits["text"] <= fits["box"] and fits["lines"] <= fits["shown"], fits
    editor_height = page.locator(".ProseMirror[contenteditable=true]").bounding_box()["height"]
    assert editor_height >= 400
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_tools_clear_of_title(page)
    context.close()


def assert_tools_clear_of_title(page):
    """Assert no button of the object tools covers a line of the page's titles."""
    lines = page.evaluate(
        "() => [...document.querySelectorAll('#content > h1, #content > h2')].flatMap(h => {"
        " const range = document.createRange(); range.selectNodeContents(h);"
        " return [...range.getClientRects()].map(r => ({x: r.x, y: r.y, width: r.width,"
        " height: r.height})); })"
    )
    assert lines
    for tool in page.locator(".object-tools li").all():
        box = tool.bounding_box()
        for line in lines if box else []:
            assert not boxes_overlap(line, box), (line, box)
