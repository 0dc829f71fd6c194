"""In real Chromium: a reader's live page receives an editor's entry without a reload."""

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from live.models import Entry
from live.selectors import PAGE_SIZE
from live.services import end_coverage
from seeds.accounts import ensure_demo_accounts
from tests.browser.signing import sign_in
from tests.factories import ArticleFactory, EntryFactory, LiveCoverageFactory, editor_user

from .axe import violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/work/h28-shots")


def live_article(n: int):
    article = ArticleFactory(headline="Storm crosses the bay", standfirst="Updates as they come.")
    LiveCoverageFactory(article=article)
    EntryFactory.create_batch(n, article=article)
    return article


def test_a_reader_sees_an_editors_new_entry_without_reloading(browser, live_server, settings):
    settings.LIVE_POLL_SECONDS = 1
    ensure_demo_accounts()
    article = live_article(3)
    Entry.objects.filter(pk=Entry.objects.filter(article=article).first().pk).update(
        key_event=True, title="Storm warning issued"
    )
    reader = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    editor = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    editor.set_default_timeout(20_000)
    reader.goto(live_server.url + article.get_absolute_url())
    expect(reader.locator("[data-live-polling]")).to_have_count(1)
    reader.evaluate("window.notReloaded = true")

    sign_in(editor, live_server.url, "editor")
    # From the article's own admin page to its entries' composer.
    editor.goto(live_server.url + reverse("admin:articles_article_change", args=[article.pk]))
    editor.get_by_role("link", name="Live entries").click()
    editor.get_by_label("Title:").fill("Bridge closed to traffic")
    editor.locator(".ProseMirror[contenteditable=true]").click()
    editor.keyboard.type("The north bridge is closed in both directions.")
    editor.get_by_label("Key event").check()
    editor.get_by_role("button", name="Post entry").click()
    expect(editor.locator("[data-live-status]")).to_contain_text("Entry posted")
    expect(editor.locator("[data-live-admin-entries]")).to_contain_text("Bridge closed")

    entry = Entry.objects.get(title="Bridge closed to traffic")
    first = reader.locator(".live__entries [data-entry]").first
    expect(first).to_have_attribute("data-entry", str(entry.pk), timeout=10_000)
    expect(first).to_contain_text("The north bridge is closed in both directions.")
    key_events = reader.get_by_role("navigation", name="Key events")
    expect(key_events.get_by_role("link").first).to_contain_text("Bridge closed to traffic")
    assert reader.evaluate("window.notReloaded") is True
    assert violations(reader) == []
    assert violations(editor) == []
    reader.context.close()
    editor.context.close()


def test_a_reader_scrolled_down_is_offered_the_new_updates(browser, live_server, settings):
    settings.LIVE_POLL_SECONDS = 1
    article = live_article(12)
    reader = browser.new_context(viewport={"width": 1280, "height": 700}).new_page()
    reader.goto(live_server.url + article.get_absolute_url())
    expect(reader.locator("[data-live-polling]")).to_have_count(1)
    reader.locator(".live__entries [data-entry]").last.scroll_into_view_if_needed()
    top_before = reader.locator(".live__entries [data-entry]").first.get_attribute("data-entry")

    posted = [EntryFactory(article=article) for _ in range(3)]

    notice = reader.get_by_role("button", name="3 new updates")
    expect(notice).to_be_visible(timeout=10_000)
    first = reader.locator(".live__entries [data-entry]").first
    assert first.get_attribute("data-entry") == top_before  # nothing jumped
    notice.click()
    expect(first).to_have_attribute("data-entry", str(posted[-1].pk))
    reader.context.close()


def test_key_events_and_permalinks_reach_entries_on_later_pages(page, live_server):
    article = live_article(PAGE_SIZE * 2 + 3)
    oldest = Entry.objects.filter(article=article).order_by("published_at").first()
    Entry.objects.filter(pk=oldest.pk).update(key_event=True, title="Storm first sighted")

    page.goto(live_server.url + article.get_absolute_url())
    page.get_by_role("navigation", name="Key events").get_by_role(
        "link", name="Storm first sighted"
    ).click()
    expect(page).to_have_url(
        f"{live_server.url}{article.get_absolute_url()}?page=3#entry-{oldest.pk}"
    )
    expect(page.locator(f"#entry-{oldest.pk}")).to_be_in_viewport()

    page.goto(live_server.url + article.get_absolute_url())
    page.goto(live_server.url + reverse("live:entry", args=[oldest.pk]))
    expect(page).to_have_url(
        f"{live_server.url}{article.get_absolute_url()}?page=3#entry-{oldest.pk}"
    )
    page.locator(f"#entry-{oldest.pk} .live-entry__time").click()
    expect(page.locator(f"#entry-{oldest.pk}")).to_be_visible()


def test_an_ended_article_stops_polling(page, live_server, settings):
    settings.LIVE_POLL_SECONDS = 1
    article = live_article(2)
    polls = []
    page.on("request", lambda r: polls.append(r.url) if "/updates/" in r.url else None)
    page.goto(live_server.url + article.get_absolute_url())
    expect(page.locator("[data-live-polling]")).to_have_count(1)
    page.wait_for_timeout(1500)
    assert polls  # it was polling

    end_coverage(coverage=article.live_coverage, user=editor_user())

    expect(page.locator("[data-live-stopped]")).to_have_count(1, timeout=10_000)
    expect(page.locator(".live__status")).to_have_text("Coverage has ended")
    count = len(polls)
    page.wait_for_timeout(2500)
    assert len(polls) == count
    page.reload()
    expect(page.get_by_text("Coverage has ended").first).to_be_visible()
    assert "data-live-poll" not in page.content()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_demo_live_article_at_desktop_and_phone_widths(browser, live_server, width):
    from live.models import LiveCoverage
    from seeds.loader import load_newsroom

    load_newsroom()
    article = LiveCoverage.objects.get().article
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.get_by_role("link", name=article.headline).first.click()
    expect(page.locator("h1")).to_have_text(article.headline)
    expect(page.get_by_role("navigation", name="Key events")).to_be_visible()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"live-article-{width}.png"), full_page=True)
    assert violations(page) == []
    context.close()


def test_the_composer_keeps_an_unposted_draft_across_a_reload(page, live_server):
    ensure_demo_accounts()
    article = live_article(1)
    page.set_default_timeout(20_000)
    sign_in(page, live_server.url, "editor")
    page.goto(live_server.url + reverse("admin:live_livecoverage_change", args=[article.pk]))
    page.get_by_label("Title:").fill("Tunnel flooded")
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.type("Water stands a metre deep at the western entrance.")
    page.wait_for_timeout(3_500)  # the draft is kept every 3 s

    page.reload()

    expect(page.locator("[data-live-status]")).to_contain_text("draft was restored")
    expect(page.get_by_label("Title:")).to_have_value("Tunnel flooded")
    expect(page.locator(".ProseMirror[contenteditable=true]")).to_contain_text("a metre deep")
    page.get_by_role("button", name="Post entry").click()
    expect(page.locator("[data-live-status]")).to_contain_text("Entry posted")
    assert Entry.objects.filter(article=article, title="Tunnel flooded").exists()
    page.reload()
    expect(page.get_by_label("Title:")).to_have_value("")


def test_a_hidden_tab_polls_less_often(page, live_server, settings):
    settings.LIVE_POLL_SECONDS = 1
    article = live_article(2)
    polls = []
    page.on("request", lambda r: polls.append(r.url) if "/updates/" in r.url else None)
    page.goto(live_server.url + article.get_absolute_url())
    page.wait_for_timeout(3_200)
    visible = len(polls)

    page.evaluate(
        """() => {
            Object.defineProperty(document, "hidden", {configurable: true, get: () => true});
            document.dispatchEvent(new Event("visibilitychange"));
        }"""
    )
    polls.clear()
    page.wait_for_timeout(3_200)

    assert visible >= 2  # about one a second while the tab is seen
    assert len(polls) <= 1  # every four seconds once hidden
