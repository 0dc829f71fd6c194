"""In real Chromium: what writers are told as they work, each item of feedback they are owed.

A contributor's newly typed tag gets a message; a submitted article reads as text, not HTML
source; a scheduled story is called scheduled; "Publish anyway" comes only with a blocking
check, and asks why; autosave's status tells the newsroom's time, as its banner does.
"""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article, Autosave
from seeds.accounts import ensure_demo_accounts
from tests.browser.signing import sign_in
from tests.factories import ArticleFactory, BylineFactory, TagFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def change_url(base_url: str, article) -> str:
    return base_url + reverse("admin:articles_article_change", args=[article.pk])


def transition_url(base_url: str, article, step: str) -> str:
    return base_url + reverse("admin:articles_article_transition", args=[article.pk, step])


def type_tag(page, name: str) -> None:
    tags = page.locator("#tagged_items-group")
    tags.locator(".add-row a").click()
    tags.locator(".select2-selection").last.click()
    page.locator(".select2-search__field").fill(name)
    page.locator(".select2-results__option", has_text=name).first.click()


def test_a_contributors_new_tag_is_refused_with_a_message_not_dropped(page, live_server):
    ensure_demo_accounts()
    TagFactory(name="Ferries")
    contributor = ensure_contributor()
    article = ArticleFactory(draft=True, created_by=contributor)
    page.set_default_timeout(20_000)
    sign_in(page, live_server.url, "contributor")
    page.goto(change_url(live_server.url, article))
    type_tag(page, "Seagulls")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator("#tagged_items-group .errorlist")).to_contain_text(
        "Only an editor can create tags; pick existing ones instead of “Seagulls”."
    )
    expect(page.locator("#tagged_items-group")).to_contain_text("Seagulls")  # still there
    assert not article.tags.exists()


def ensure_contributor():
    return get_user_model().objects.get(username="contributor")


def test_a_submitted_article_reads_as_text_for_its_contributor(page, live_server):
    ensure_demo_accounts()
    contributor = ensure_contributor()
    body = "<p>The ferry pier <strong>reopens</strong> on Monday.</p>"
    article = ArticleFactory(draft=True, created_by=contributor, body=body)
    page.set_default_timeout(20_000)
    sign_in(page, live_server.url, "contributor")
    page.goto(change_url(live_server.url, article))
    page.get_by_role("link", name="Submit for review").click()
    page.get_by_role("button", name="Yes, submit for review").click()
    expect(page.locator(".messagelist")).to_be_visible()
    assert Article.objects.get(pk=article.pk).status == Article.Status.IN_REVIEW
    page.goto(change_url(live_server.url, article))  # now read only, for its contributor
    shown = page.locator(".readonly-body")
    expect(shown.locator("p strong")).to_have_text("reopens")
    expect(page.locator("#content-main")).not_to_contain_text("<p>")


def test_the_step_page_calls_a_scheduled_story_scheduled_and_asks_why_anyway(page, live_server):
    ensure_demo_accounts()
    scheduled = ArticleFactory(published_at=timezone.now() + timedelta(days=1))
    ready = ArticleFactory(draft=True)
    lacking = ArticleFactory(draft=True)
    lacking.bylines.all().delete()
    page.set_default_timeout(20_000)
    sign_in(page, live_server.url, "editor")

    page.goto(transition_url(live_server.url, scheduled, "unpublish"))
    expect(page.locator("#content-main li small").first).to_contain_text("Scheduled")
    expect(page.locator("#content-main li small").first).not_to_contain_text("Published")

    page.goto(transition_url(live_server.url, ready, "publish"))
    expect(page.get_by_label("Publish anyway")).to_have_count(0)
    page.get_by_role("button", name="Yes, publish now").click()
    expect(page.locator(".messagelist")).to_be_visible()
    assert Article.objects.get(pk=ready.pk).is_public

    page.goto(transition_url(live_server.url, lacking, "publish"))
    page.get_by_label("Publish anyway").check()
    page.get_by_role("button", name="Yes, publish now").click()
    expect(page.locator(".errornote")).to_contain_text("Say why it goes out as it is")
    page.get_by_label("Why publish it anyway").fill("The byline follows at the next update.")
    page.get_by_label("Publish anyway").check()
    page.get_by_role("button", name="Yes, publish now").click()
    expect(page.locator(".messagelist")).to_be_visible()
    note = Article.objects.get(pk=lacking.pk).events.get(action="published").note
    assert note.endswith("Why: The byline follows at the next update.")


def test_autosave_tells_the_newsrooms_time_whatever_the_browsers_zone(browser, live_server):
    ensure_demo_accounts()
    article = ArticleFactory(draft=True, headline="Pier lights")
    BylineFactory(article=article)
    # A browser far from the newsroom: its own clock would read hours apart.
    context = browser.new_context(timezone_id="America/Los_Angeles")
    page = context.new_page()
    page.set_default_timeout(20_000)
    sign_in(page, live_server.url, "editor")
    page.goto(change_url(live_server.url, article))
    page.get_by_role("textbox", name="Headline:").fill("Pier lights switched to amber")
    status = page.locator(".desk-autosave__status")
    expect(status).to_contain_text("Unsaved changes kept at", timeout=15_000)
    kept = timezone.localtime(Autosave.objects.get(article=article).saved_at)
    expect(status).to_have_text(f"Unsaved changes kept at {kept:%H:%M:%S}.")
    context.close()
