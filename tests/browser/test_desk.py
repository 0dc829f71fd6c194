"""In real Chromium at 1280 px: the editor's desk, and Preview from an article's page."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article, Correction
from seeds.accounts import DEMO_USERNAME, ensure_demo_accounts
from seeds.loader import load_newsroom
from tests.browser.signing import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
Status = Article.Status


def stage_the_newsroom(editor) -> Article:
    """Put demo articles in every stage of the desk; return a draft with a lead picture."""
    with_lead = Article.objects.filter(images__is_lead=True, images__image__isnull=False)
    draft, waiting, scheduled, corrected = list(with_lead.distinct().order_by("pk")[:4])
    Article.objects.filter(pk=draft.pk).update(
        status=Status.DRAFT, published_at=None, created_by=editor
    )
    Article.objects.filter(pk=waiting.pk).update(status=Status.IN_REVIEW, published_at=None)
    later = timezone.now() + timedelta(hours=5)
    Article.objects.filter(pk=scheduled.pk).update(published_at=later)
    Correction.objects.create(article=corrected, text="An earlier version misspelt the pier.")
    return Article.objects.get(pk=draft.pk)


def test_the_desk_and_the_preview_as_the_demo_editor(page, live_server, artifacts):
    load_newsroom()
    ensure_demo_accounts()
    draft = stage_the_newsroom(get_user_model().objects.get(username=DEMO_USERNAME))
    page.set_default_timeout(15_000)
    sign_in(page, live_server.url)

    for title in ("My drafts", "Waiting for review", "Scheduled", "Recently published"):
        expect(page.get_by_role("heading", name=re.compile(title))).to_be_visible()
    expect(page.locator("#desk-drafts")).to_contain_text(draft.headline)
    expect(page.locator("#desk-corrected")).to_contain_text("misspelt the pier")
    expect(page.locator("#site-name")).to_have_text("Masthead")
    expect(page.get_by_role("navigation", name="Everything in the admin")).to_be_visible()
    page.screenshot(path=str(artifacts / "admin-desk.png"), full_page=True)

    page.locator("#desk-drafts").get_by_role("link", name=draft.headline).click()
    expect(
        page.locator(".ProseMirror[contenteditable=true]")
    ).to_be_visible()  # the body editor has started
    expect(page.get_by_role("link", name="View on site")).to_have_count(0)
    page.screenshot(path=str(artifacts / "admin-change-form.png"))
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Preview", exact=True).click()
    preview = opened.value
    preview.wait_for_load_state()
    expect(preview.locator(".social-card__title")).to_have_text(draft.seo_title or draft.headline)
    expect(preview.locator(".social-card img")).to_be_visible()
    expect(preview.locator(".search-snippet__title")).to_be_visible()
    reader = preview.frame_locator("iframe")
    expect(reader.locator("h1")).to_have_text(draft.headline)
    expect(reader.locator(".preview-banner")).to_contain_text("readers cannot see it yet")
    preview.screenshot(path=str(artifacts / "admin-change-form-preview.png"), full_page=True)
