"""In real Chromium: typing is kept aside as it happens, and offered back after a reload."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article, Autosave
from seeds.accounts import ensure_demo_accounts
from tests.browser.signing import sign_in
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_typing_is_kept_warned_about_and_restored_after_a_reload(page, live_server, artifacts):
    ensure_demo_accounts()
    article = ArticleFactory(draft=True, headline="Pier lights", body="<p>First line.</p>")
    page.set_default_timeout(20_000)
    sign_in(page, live_server.url, "editor")
    change = live_server.url + reverse("admin:articles_article_change", args=[article.pk])
    page.goto(change)

    page.get_by_role("textbox", name="Headline:").fill("Pier lights switched to amber")
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" A second sentence typed before the tab closed.")
    expect(page.locator(".desk-autosave__status")).to_contain_text(
        "Unsaved changes kept at", timeout=15_000
    )
    assert Article.objects.get(pk=article.pk).headline == "Pier lights"  # never the article

    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    page.reload()
    assert dialogs == ["beforeunload"]  # leaving with unsaved changes asked first

    restore = page.get_by_role("button", name="Restore your unsaved changes")
    expect(restore).to_be_visible()
    expect(page.get_by_role("textbox", name="Headline:")).to_have_value("Pier lights")
    page.screenshot(path=str(artifacts / "admin-autosave-offer.png"), full_page=True)
    restore.click()
    expect(page.get_by_role("textbox", name="Headline:")).to_have_value(
        "Pier lights switched to amber"
    )
    expect(page.locator(".ProseMirror[contenteditable=true]")).to_contain_text("A second sentence")

    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    article.refresh_from_db()
    assert article.headline == "Pier lights switched to amber"
    assert "A second sentence typed before the tab closed." in article.body
    assert not Autosave.objects.filter(article=article).exists()
    expect(page.get_by_role("button", name="Restore your unsaved changes")).to_have_count(0)
