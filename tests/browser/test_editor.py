"""In real headless Chromium: write a story in the admin's editor and read it on the public page."""

import re
import shutil

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article
from images.renditions import ensure_renditions
from tests.browser.picker import choose_in_picker
from tests.browser.signing import sign_in
from tests.factories import ArticleFactory, ImageFactory, UserFactory

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="needs Debian's chromium at /usr/bin"),
]


@pytest.fixture
def browser_page(page):
    """Return the shared Chromium's page (tests/browser/conftest.py): one Playwright per run."""
    page.set_default_timeout(15_000)
    return page


@pytest.fixture
def desk_editor():
    """Return a staff user who may edit articles and use the image library."""
    user = UserFactory(username="desk", is_staff=True, is_superuser=True)
    user.set_password("desk-password-1")
    user.save()
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="images"))
    return user


def test_an_editor_writes_a_heading_a_link_and_a_figure_that_readers_see(
    live_server, browser_page, desk_editor
):
    image = ImageFactory(caption="Cranes at dusk", credit="Masthead illustration")
    ensure_renditions(image)
    article = ArticleFactory(body="<p>Old text.</p>", headline="Cranes return to the quay")
    page = browser_page
    sign_in(page, live_server.url, "desk", "desk-password-1")
    page.goto(f"{live_server.url}{reverse('admin:articles_article_change', args=[article.pk])}")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.type("## Why the cranes came back")
    page.keyboard.press("Enter")
    page.keyboard.type("Read the port's notice")
    for _ in "notice":
        page.keyboard.press("Shift+ArrowLeft")
    page.click(".prose-menubar__button[data-name=link]")
    page.fill("dialog[open] input[name=href]", "https://example.com/port-notice")
    page.click("dialog[open] button[type=submit]")
    expect(editor.locator("a", has_text="notice")).to_have_count(1)
    # Collapse the selection first: Enter over a selected word would replace it.
    editor.press("ArrowRight")
    editor.press("End")
    # Focus coming back from the link dialog can restore the word's selection; wait until
    # the caret is a bare caret, so that Enter cannot replace the linked word.
    page.wait_for_function("() => window.getSelection().isCollapsed")
    editor.press("Enter")
    expect(editor.locator("a", has_text="notice")).to_have_count(1)
    insert_library_figure(page, image)
    # Heading, sentence, caption and credit are 5 + 4 + 3 + 2 words; the count follows the
    # typing live (it read 2 for "Old text."), but the caption's words may land a moment later.
    expect(page.locator("#desk-body-stats")).to_have_text(
        re.compile(r"^1[1-4] words · about 1 min read$")
    )
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")

    stored = Article.objects.get(pk=article.pk).body
    assert stored.startswith("<h2>Why the cranes came back</h2>")
    assert re.search(r'<a href="https://example.com/port-notice"[^>]*>notice</a>', stored)
    assert 'rel="noopener noreferrer"' in stored
    assert (
        f'data-file="{image.pk}"' in stored
        and '<figcaption>Cranes at dusk <span class="credit">Masthead illustration</span>' in stored
    )
    assert "Old text" not in stored

    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    body = page.locator(".story__body")
    assert body.locator("h2").inner_text() == "Why the cranes came back"
    assert body.locator("a").get_attribute("href") == "https://example.com/port-notice"
    img = body.locator("figure picture img")
    assert " 320w" in img.get_attribute("srcset") and img.get_attribute("loading") == "lazy"
    assert body.locator("figure .credit").inner_text() == "Masthead illustration"


def insert_library_figure(page, image):
    """Open the figure dialog, browse the library in the picker popup and insert the image."""
    page.click(".prose-menubar__button[data-name=figure]")
    with page.expect_popup() as popup_info:
        page.click("dialog[open] button:has-text('Browse')")
    choose_in_picker(popup_info.value, image)
    page.wait_for_function(
        "document.querySelector('dialog[open] input[name=picture]').value !== ''"
    )
    page.click("dialog[open] button[type=submit]")


def test_the_figure_dialog_takes_a_library_picture_a_caption_and_a_credit(
    live_server, browser_page, desk_editor
):
    image = ImageFactory(caption="", credit="")
    article = ArticleFactory(body="<p>Before the picture.</p>")
    page = browser_page
    sign_in(page, live_server.url, "desk", "desk-password-1")
    page.goto(f"{live_server.url}{reverse('admin:articles_article_change', args=[article.pk])}")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.click()
    page.keyboard.press("Control+End")
    page.click(".prose-menubar__button[data-name=figure]")
    dialog = page.locator("dialog[open]")
    # The picture is only chosen, never typed: no URL to hot-link from elsewhere.
    expect(dialog.locator("input[name=imageUrl]")).to_have_count(0)
    expect(dialog.locator("input[name=picture]")).to_have_attribute("readonly", "")
    dialog.locator("button[type=submit]").click()
    expect(dialog.get_by_role("alert")).to_have_text("Choose a picture from the library first.")
    with page.expect_popup() as popup_info:
        dialog.get_by_role("button", name="Browse…").click()
    choose_in_picker(popup_info.value, image)
    expect(dialog.locator("input[name=picture]")).not_to_have_value("")
    dialog.get_by_label("Alternative text").fill("Gulls over the harbour wall")
    dialog.get_by_label("Caption").fill("Gulls at the harbour")
    dialog.get_by_label("Credit").fill("Photo: Masthead staff")
    dialog.locator("button[type=submit]").click()
    # The caret is below the figure: the next words are a paragraph, not caption.
    page.keyboard.type("After the picture.")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")

    stored = Article.objects.get(pk=article.pk).body
    assert re.search(
        r'<figure[^>]*><img src="/media/[^"]+" alt="Gulls over the harbour wall"'
        rf' data-file="{image.pk}"><figcaption>Gulls at the harbour '
        r'<span class="credit">Photo: Masthead staff</span></figcaption></figure>'
        r"<p>After the picture.</p>",
        stored,
    ), stored
    page.goto(f"{live_server.url}{reverse('admin:articles_article_change', args=[article.pk])}")
    expect(page.locator("#content")).not_to_contain_text("Figure 1 in the body")
