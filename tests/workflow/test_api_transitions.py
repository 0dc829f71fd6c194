"""Status changes through the API go through the publishing services and are recorded."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from rest_framework.test import APIClient

from articles.models import Article
from core.api import conditional
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def patch(client, article, data):
    return client.patch(
        f"/api/v1/articles/{article.pk}/",
        data,
        format="json",
        HTTP_IF_MATCH=conditional.version_etag(article),
    )


def in_a_week():
    return (timezone.now() + timedelta(days=7)).replace(microsecond=0)


def test_an_editor_creating_a_published_article_records_the_publication(newsroom_editor):
    data = {"headline": "Ferries resume", "section": SectionFactory().slug, "status": "published"}
    # No byline and no lead picture: publishing it needs the editor's confirmation.
    refused = client_for(newsroom_editor).post("/api/v1/articles/", data, format="json")
    assert refused.status_code == 400
    assert "publish anyway" in refused.json()["errors"]["status"][0]
    assert not Article.objects.exists()  # the refusal rolled the whole create back

    data["publish_anyway"] = True
    response = client_for(newsroom_editor).post("/api/v1/articles/", data, format="json")

    assert response.status_code == 201, response.json()
    article = Article.objects.get()
    assert article.is_public
    event = article.events.get()
    assert (event.action, event.user, event.from_status) == ("published", newsroom_editor, "draft")
    assert event.publish_at == article.published_at
    assert event.note.startswith("Published anyway: No byline")
    assert response.json()["status"] == "published"
    assert response["ETag"] == conditional.version_etag(article)


@pytest.mark.parametrize(
    ("start", "data", "action", "status"),
    [
        ({"draft": True}, {"status": "published"}, "published", "published"),
        ({"draft": True}, {"published_at": "next week"}, "scheduled", "published"),
        (
            {"draft": True},
            {"status": "published", "published_at": "next week"},
            "scheduled",
            "published",
        ),
        ({"published_at": "tomorrow"}, {"published_at": "next week"}, "scheduled", "published"),
        ({"published_at": "tomorrow"}, {"status": "draft"}, "unpublished", "draft"),
        ({}, {"status": "unpublished"}, "unpublished", "unpublished"),
        ({"status": "review", "published_at": None}, {"status": "draft"}, "returned", "draft"),
        ({"draft": True}, {"status": "review"}, "submitted", "review"),
    ],
)
def test_an_api_status_change_is_the_recorded_transition(
    newsroom_editor, start, data, action, status
):
    if start.get("published_at") == "tomorrow":
        start = {"published_at": timezone.now() + timedelta(days=1)}
    article = ArticleFactory(**start)
    when = in_a_week()
    data = {key: when.isoformat() if value == "next week" else value for key, value in data.items()}
    before = timezone.now()

    response = patch(client_for(newsroom_editor), article, data)

    assert response.status_code == 200, response.json()
    article.refresh_from_db()
    assert article.status == status
    event = article.events.get()
    assert (event.action, event.user, event.to_status) == (action, newsroom_editor, status)
    assert event.at >= before
    if action == "scheduled":
        assert article.published_at == event.publish_at == when
        assert not Article.objects.published().filter(pk=article.pk).exists()


def test_a_contributor_submits_their_own_draft_through_the_api(contributor, own_draft):
    response = patch(client_for(contributor), own_draft, {"status": "review"})

    assert response.status_code == 200, response.json()
    event = own_draft.events.get()
    assert (event.action, event.user) == ("submitted", contributor)


def test_a_contributor_publishing_gets_a_403_with_the_reason_and_nothing_changes(
    contributor, own_draft
):
    response = patch(client_for(contributor), own_draft, {"status": "published", "kicker": "New"})

    assert response.status_code == 403
    assert response.json()["detail"] == "Only an editor can publish or schedule articles."
    own_draft.refresh_from_db()
    assert (own_draft.status, own_draft.kicker) == ("draft", "")
    assert not own_draft.events.exists()


def test_a_step_the_workflow_does_not_have_is_a_400_that_says_so(newsroom_editor):
    article = ArticleFactory(headline="Live")

    response = patch(client_for(newsroom_editor), article, {"status": "draft", "headline": "X"})

    assert response.status_code == 400
    assert "cannot go from 'published' to 'draft'" in response.json()["errors"]["status"][0]
    article.refresh_from_db()
    assert (article.status, article.headline) == ("published", "Live")
    assert not article.events.exists()


def test_sending_back_the_current_status_and_time_is_an_edit_not_a_transition(newsroom_editor):
    article = ArticleFactory(headline="Live")
    current = {"status": "published", "published_at": article.published_at.isoformat()}

    response = patch(client_for(newsroom_editor), article, {**current, "headline": "Edited"})

    assert response.status_code == 200, response.json()
    article.refresh_from_db()
    assert article.headline == "Edited"
    assert not article.events.exists()


def test_moving_the_time_of_a_live_article_is_refused(newsroom_editor):
    article = ArticleFactory()

    response = patch(client_for(newsroom_editor), article, {"published_at": in_a_week()})

    assert response.status_code == 400
    assert response.json()["errors"]["status"] == ["This article is already published."]


def test_an_embargo_refusal_names_the_publication_time(newsroom_editor):
    article = ArticleFactory(draft=True, embargo_until=timezone.now() + timedelta(days=1))

    response = patch(client_for(newsroom_editor), article, {"status": "published"})

    assert response.status_code == 400
    assert "embargoed until" in response.json()["errors"]["published_at"][0]


def test_a_publication_time_cannot_be_set_on_a_draft_that_stays_a_draft(newsroom_editor):
    article = ArticleFactory(draft=True)

    response = patch(
        client_for(newsroom_editor), article, {"status": "draft", "published_at": in_a_week()}
    )

    assert response.status_code == 400
    assert "Only publishing sets a publication time" in response.json()["errors"]["published_at"][0]


# The explicit action endpoints.


def act(client, article, name, data=None):
    return client.post(f"/api/v1/articles/{article.pk}/{name}/", data or {}, format="json")


@pytest.mark.parametrize(
    ("start", "name", "data", "action"),
    [
        ({"draft": True}, "publish", {}, "published"),
        ({"draft": True}, "schedule", {"at": "next week"}, "scheduled"),
        ({}, "unpublish", {"note": "Legal asked."}, "unpublished"),
        ({"status": "review", "published_at": None}, "return-to-draft", {}, "returned"),
        ({"draft": True}, "submit", {}, "submitted"),
    ],
)
def test_each_action_endpoint_runs_its_service(newsroom_editor, start, name, data, action):
    article = ArticleFactory(**start)
    when = in_a_week()
    data = {key: when.isoformat() if value == "next week" else value for key, value in data.items()}

    response = act(client_for(newsroom_editor), article, name, data)

    assert response.status_code == 200, response.json()
    event = article.events.get()
    assert (event.action, event.user) == (action, newsroom_editor)
    assert event.note == data.get("note", "")
    assert response.json()["status"] == Article.objects.get(pk=article.pk).status
    if name == "schedule":
        assert parse_datetime(response.json()["published_at"]) == when


def test_an_action_endpoint_refuses_a_contributor_with_the_reason(contributor, own_draft):
    response = act(client_for(contributor), own_draft, "publish")

    assert response.status_code == 403
    assert response.json()["detail"] == "Only an editor can publish or schedule articles."
    assert not own_draft.events.exists()


def test_scheduling_needs_a_time_and_a_stale_if_match_is_a_412(newsroom_editor):
    article = ArticleFactory(draft=True)
    client = client_for(newsroom_editor)

    missing = act(client, article, "schedule")
    stale = client.post(
        f"/api/v1/articles/{article.pk}/publish/", {}, format="json", HTTP_IF_MATCH='W/"stale"'
    )

    assert missing.status_code == 400 and "at" in missing.json()["errors"]
    assert stale.status_code == 412
    assert not article.events.exists()
