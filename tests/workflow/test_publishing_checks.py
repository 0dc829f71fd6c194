"""Publishing checks: the embarrassing ones block until an editor confirms "publish anyway"."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from articles.models import Article, ArticleImage, Byline
from articles.services import publishing
from articles.services.checks import HEADLINE_LIMIT, blocking_checks, publishing_checks
from tests.factories import ArticleFactory, ArticleImageFactory

pytestmark = pytest.mark.django_db


def without_byline(article):
    Byline.objects.filter(article=article).delete()


def without_lead(article):
    ArticleImage.objects.filter(article=article, is_lead=True).delete()


def with_waiting_picture(article):
    ArticleImageFactory(article=article, is_lead=False)  # no file, no library image


def with_empty_body_figure(article):
    article.body = "<p>Text.</p><figure><figcaption>The pier at dawn</figcaption></figure>"
    article.save()


def with_long_headline(article):
    article.headline = "Ferry " * (HEADLINE_LIMIT // 6 + 1)
    article.save()


EMBARRASSMENTS = {
    "No byline": without_byline,
    "No lead picture": without_lead,
    "still waiting for its image file": with_waiting_picture,
    "has no picture yet": with_empty_body_figure,
    f"over {HEADLINE_LIMIT}": with_long_headline,
}


@pytest.mark.parametrize("phrase", EMBARRASSMENTS)
def test_each_embarrassment_blocks_publishing_and_nothing_changes(newsroom_editor, phrase):
    article = ArticleFactory(draft=True)
    assert blocking_checks(article) == []  # the factory's draft is fit to publish
    EMBARRASSMENTS[phrase](article)

    with pytest.raises(ValidationError) as refused:
        publishing.publish(article=article, user=newsroom_editor)

    assert refused.value.code == "needs_confirmation" and phrase in refused.value.messages[0]
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT and not article.events.exists()


def test_publish_anyway_goes_ahead_and_the_event_says_why(newsroom_editor):
    article = ArticleFactory(draft=True)
    without_byline(article)

    publishing.publish(article=article, user=newsroom_editor, anyway=True)

    article.refresh_from_db()
    assert article.is_public
    assert (
        article.events.get().note
        == "Published anyway: No byline: readers would not know who wrote it."
    )


def test_advice_never_blocks(newsroom_editor):
    article = ArticleFactory(draft=True, standfirst="")
    assert [check.blocking for check in publishing_checks(article)] == [False]
    publishing.publish(article=article, user=newsroom_editor)
    assert not article.events.get().note


def test_the_admin_step_page_lists_the_checks_and_asks_for_confirmation(editor_client):
    article = ArticleFactory(draft=True)
    without_byline(article)
    url = reverse("admin:articles_article_transition", args=[article.pk, "publish"])

    page = editor_client.get(url).content.decode()
    assert "Blocks publishing:" in page and "No byline" in page and "Publish anyway" in page

    refused = editor_client.post(url, {"confirm": "yes"})
    assert refused.status_code == 200 and "publish anyway" in refused.content.decode()
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT

    unexplained = editor_client.post(url, {"confirm": "yes", "anyway": "on"})
    assert "Say why it goes out as it is" in unexplained.content.decode()
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT

    why = "The wire credit goes on at the next update."
    editor_client.post(url, {"confirm": "yes", "anyway": "on", "note": why})
    article = Article.objects.get(pk=article.pk)
    assert article.is_public
    note = article.events.get(action="published").note
    assert note.startswith("Published anyway: No byline") and note.endswith(f"Why: {why}")


def test_the_step_page_offers_no_publish_anyway_when_nothing_blocks(editor_client):
    article = ArticleFactory(draft=True)
    assert not blocking_checks(article), "the factory's article has a byline and lead picture"
    url = reverse("admin:articles_article_transition", args=[article.pk, "publish"])
    page = editor_client.get(url).content.decode()
    assert "Publish anyway" not in page and "Why publish it anyway" not in page
    editor_client.post(url, {"confirm": "yes"})
    assert Article.objects.get(pk=article.pk).is_public


def test_the_step_page_calls_a_scheduled_story_scheduled(editor_client):
    article = ArticleFactory(published_at=timezone.now() + timedelta(days=1))
    assert not article.is_public
    url = reverse("admin:articles_article_transition", args=[article.pk, "unpublish"])
    page = editor_client.get(url).content.decode()
    assert "(Scheduled, publish time" in page and "(Published" not in page


def test_the_api_action_takes_anyway(newsroom_editor):
    article = ArticleFactory(draft=True)
    without_lead(article)
    client = APIClient()
    client.force_authenticate(newsroom_editor)
    url = f"/api/v1/articles/{article.pk}/publish/"

    refused = client.post(url, {}, format="json")
    assert refused.status_code == 400 and "No lead picture" in str(refused.json())
    assert client.post(url, {"anyway": True}, format="json").status_code == 200
    assert Article.objects.get(pk=article.pk).is_public
