"""The workflow transitions: who may make them, what they change and what they record."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from reversion.models import Version

from articles.models import Article, ArticleEvent
from articles.services import publishing
from articles.services.concurrency import StaleArticleError
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_a_contributor_submits_their_own_draft_and_it_is_recorded(contributor, own_draft):
    publishing.submit_for_review(article=own_draft, user=contributor)

    own_draft.refresh_from_db()
    event = own_draft.events.get()
    assert own_draft.status == Article.Status.IN_REVIEW
    assert (event.action, event.user, event.from_status, event.to_status) == (
        "submitted",
        contributor,
        "draft",
        "review",
    )


def test_a_contributor_cannot_submit_someone_elses_draft(contributor):
    article = ArticleFactory(draft=True)

    with pytest.raises(PermissionDenied, match="only their own"):
        publishing.submit_for_review(article=article, user=contributor)


def test_a_contributor_cannot_publish_their_own_draft(contributor, own_draft):
    with pytest.raises(PermissionDenied, match="Only an editor"):
        publishing.publish(article=own_draft, user=contributor)
    own_draft.refresh_from_db()
    assert own_draft.status == Article.Status.DRAFT


def test_an_editor_publishes_now_and_the_article_is_public(newsroom_editor, own_draft):
    publishing.publish(article=own_draft, user=newsroom_editor)

    assert Article.objects.published().filter(pk=own_draft.pk).exists()
    assert own_draft.events.get().action == "published"


def test_publishing_records_a_revision_with_who_and_when(newsroom_editor, own_draft):
    publishing.publish(article=own_draft, user=newsroom_editor)

    version = Version.objects.get_for_object(own_draft).get()
    assert version.revision.user == newsroom_editor
    assert version.revision.comment == "Published"
    assert version.field_dict["status"] == "published"


def test_scheduling_needs_a_future_time(newsroom_editor, own_draft):
    with pytest.raises(ValidationError, match="future"):
        publishing.schedule(
            article=own_draft, user=newsroom_editor, at=timezone.now() - timedelta(minutes=1)
        )


def test_a_scheduled_article_becomes_public_exactly_at_its_time(newsroom_editor, own_draft):
    at = timezone.now().replace(microsecond=0) + timedelta(hours=2)
    publishing.schedule(article=own_draft, user=newsroom_editor, at=at)

    def is_public():
        return Article.objects.published().filter(pk=own_draft.pk).exists()

    with time_machine.travel(at - timedelta(seconds=1), tick=False):
        assert not is_public()
    with time_machine.travel(at, tick=False):
        assert is_public()
    assert own_draft.events.get().action == "scheduled"


def test_publishing_before_the_embargo_is_refused(newsroom_editor):
    article = ArticleFactory(draft=True, embargo_until=timezone.now() + timedelta(hours=1))

    with pytest.raises(ValidationError, match="embargoed"):
        publishing.publish(article=article, user=newsroom_editor)
    publishing.publish(article=article, user=newsroom_editor, at=article.embargo_until)
    assert article.status == Article.Status.PUBLISHED


def test_unpublishing_takes_a_live_article_down(newsroom_editor):
    article = ArticleFactory()

    publishing.unpublish(article=article, user=newsroom_editor)

    article.refresh_from_db()
    assert article.status == Article.Status.UNPUBLISHED
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_unpublishing_a_scheduled_article_returns_it_to_draft(newsroom_editor, own_draft):
    publishing.schedule(
        article=own_draft, user=newsroom_editor, at=timezone.now() + timedelta(days=1)
    )

    publishing.unpublish(article=own_draft, user=newsroom_editor)

    own_draft.refresh_from_db()
    assert (own_draft.status, own_draft.published_at) == (Article.Status.DRAFT, None)


def test_an_editor_returns_an_article_in_review_to_draft(newsroom_editor, contributor, own_draft):
    publishing.submit_for_review(article=own_draft, user=contributor)

    publishing.return_to_draft(article=own_draft, user=newsroom_editor, note="Needs a source.")

    assert own_draft.status == Article.Status.DRAFT
    assert own_draft.events.first().note == "Needs a source."


def test_a_transition_on_a_stale_copy_is_refused(newsroom_editor, own_draft):
    stale = Article.objects.get(pk=own_draft.pk)
    publishing.publish(article=own_draft, user=newsroom_editor)

    with pytest.raises(StaleArticleError):
        publishing.submit_for_review(article=stale, user=newsroom_editor)
    assert ArticleEvent.objects.filter(article=own_draft).count() == 1


def test_a_correction_keeps_the_publish_time_and_moves_the_modified_time(newsroom_editor):
    article = ArticleFactory(published_at=timezone.now() - timedelta(days=2))
    published_at, updated_at = article.published_at, article.updated_at

    correction = publishing.add_correction(
        article=article, user=newsroom_editor, text="An earlier version misspelt the pier."
    )

    article.refresh_from_db()
    assert article.published_at == published_at
    assert article.updated_at > updated_at
    assert list(article.corrections.all()) == [correction]
    assert article.events.get().action == "corrected"


def test_an_empty_correction_is_refused(newsroom_editor):
    article = ArticleFactory()

    with pytest.raises(ValidationError, match="Write what was corrected"):
        publishing.add_correction(article=article, user=newsroom_editor, text="   ")
    assert not article.corrections.exists()


def test_a_contributor_cannot_add_a_correction(contributor):
    article = ArticleFactory(created_by=contributor)

    with pytest.raises(PermissionDenied):
        publishing.add_correction(article=article, user=contributor, text="Fixed a name.")


def test_a_correction_shows_at_the_foot_of_the_public_article(client, newsroom_editor):
    article = ArticleFactory()
    publishing.add_correction(
        article=article, user=newsroom_editor, text="An earlier version gave the wrong pier."
    )

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert "An earlier version gave the wrong pier." in response.text


def test_a_correction_is_in_the_api_and_the_json_ld(client, newsroom_editor):
    import json
    import re

    article = ArticleFactory()
    publishing.add_correction(
        article=article, user=newsroom_editor, text="An earlier version gave the wrong pier."
    )

    api = client.get(f"/api/v1/articles/{article.pk}/").json()
    assert [c["text"] for c in api["corrections"]] == ["An earlier version gave the wrong pier."]

    page = client.get(article.get_absolute_url()).text
    blocks = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', page, re.S)
    news = next(d for d in map(json.loads, blocks) if d.get("@type") == "NewsArticle")
    assert news["correction"][0]["text"] == "An earlier version gave the wrong pier."
    assert news["datePublished"] < news["dateModified"]
