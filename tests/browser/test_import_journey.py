"""In real Chromium: the demo editor imports the sample story, prunes the preview, publishes it.

Only clicks and typing through the pages an editor opens; the sample story is read from the
shared seeds folder (never copied into the repository).
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article
from seeds.accounts import ensure_demo_accounts
from seeds.loader import load_newsroom
from tests.browser.axe import violations
from tests.browser.signing import sign_in
from tests.factories import SectionFactory
from tests.importers.conftest import SEEDS
from tests.importers.corpus.table import CORPUS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
EDITOR = "editor"


def sample_story() -> str:
    stories = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not stories:
        pytest.skip(f"the shared seeds folder {SEEDS} is absent here (CI always has it)")
    return stories[0].read_text(encoding="utf-8")


def test_the_editor_imports_prunes_and_publishes_the_sample_story(page, live_server, artifacts):
    load_newsroom()
    ensure_demo_accounts()
    page.set_default_timeout(20_000)
    sign_in(page, live_server.url, EDITOR)

    page.goto(live_server.url + reverse("admin:articles_article_changelist"))
    page.get_by_role("link", name="Import article").click()
    page.get_by_label("Paste the copy").fill(sample_story())
    page.get_by_role("button", name="Preview the import").click()

    expect(page.get_by_role("heading", name="Tags")).to_be_visible()
    tags = page.locator("#id_review-tags input[type=checkbox]")
    people = page.locator("input[name^=review-person_][name$=_keep]")
    suggested, recognised = tags.count(), people.count()
    proposed = page.locator("#id_review-new_tags input[type=checkbox]").count()
    assert 0 < suggested <= 8 and recognised > 3
    page.screenshot(path=str(artifacts / "admin-import-preview.png"), full_page=True)

    pruned_tag = tags.last.evaluate("box => box.labels[0].textContent.split(' — ')[0].trim()")
    tags.last.uncheck()
    pruned_person = page.locator("input[name=review-person_1_keep]")
    pruned_name = pruned_person.evaluate("box => box.closest('tr').cells[1].textContent.trim()")
    pruned_person.uncheck()
    page.get_by_label("Kicker").fill("From the wire desk")
    page.get_by_role("button", name="Create the draft").click()

    expect(page.locator(".messagelist")).to_contain_text("Created the draft")
    article = Article.objects.get(kicker="From the wire desk")
    assert article.status == Article.Status.DRAFT
    assert article.tags.count() == suggested - 1 + proposed
    assert pruned_tag not in set(article.tags.values_list("name", flat=True))
    assert article.mentions.count() == recognised - 1
    assert pruned_name not in {m.person.full_name for m in article.mentions.all()}

    page.get_by_role("link", name="Publish now").click()
    # The story came without a lead picture: the step page says so and asks to confirm.
    expect(page.locator(".publishing-check--blocking").first).to_contain_text("No lead picture")
    page.get_by_label("Publish anyway").check()
    page.get_by_label("Why publish it anyway").fill("The pictures follow from the picture desk.")
    page.get_by_role("button", name="Yes, publish now").click()
    expect(page.locator(".messagelist")).to_be_visible()
    article.refresh_from_db()
    assert article.is_public
    assert article.events.get(action="published").note.startswith("Published anyway")
    page.goto(live_server.url + article.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(article.headline)


def test_the_editor_keeps_some_of_the_tags_a_wire_story_proposes(page, live_server, artifacts):
    ensure_demo_accounts()  # a newsroom with no tag vocabulary: the story proposes its own
    SectionFactory(name="News", slug="news")
    page.set_default_timeout(20_000)
    sign_in(page, live_server.url, EDITOR)
    page.goto(live_server.url + reverse("admin:articles_article_import"))
    page.get_by_label("Paste the copy").fill((CORPUS / "ap_dam_inspection.txt").read_text())
    page.get_by_role("button", name="Preview the import").click()

    proposals = page.locator("#id_review-new_tags input[type=checkbox]")
    expect(proposals.first).to_be_checked()
    offered = proposals.count()
    assert 3 <= offered <= 8
    # The new fieldset adds no violation (the admin's own pickers and breadcrumbs have some).
    assert not [found for found in violations(page) if "new_tags" in found]
    page.screenshot(path=str(artifacts / "admin-import-new-tags.png"), full_page=True)
    dropped = proposals.last.evaluate("box => box.value")
    proposals.last.uncheck()
    page.get_by_role("button", name="Create the draft").click()

    expect(page.locator(".messagelist")).to_contain_text("Created the draft")
    names = set(Article.objects.get().tags.values_list("name", flat=True))
    assert len(names) == offered - 1 and dropped not in names
    assert {"Dams", "Floods"} <= names
