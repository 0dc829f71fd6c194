"""The change form's autosave endpoint: a copy per user and article, never the article itself."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article, Autosave
from articles.roles import CONTRIBUTOR, EDITOR
from tests.factories import ArticleFactory

FIELDS = {"headline": "A headline still being written", "body": "<p>Half a sentence</p>"}


def autosave_url(article) -> str:
    return reverse("admin:articles_article_autosave", args=[article.pk])


def post(client, article, payload, **extra):
    return client.post(
        autosave_url(article), json.dumps(payload), content_type="application/json", **extra
    )


@pytest.mark.django_db
def test_an_editor_keeps_a_copy_that_leaves_the_article_untouched(client, sign_in):
    editor = sign_in(EDITOR)
    article = ArticleFactory(draft=True)
    before = Article.objects.values("headline", "body", "version").get(pk=article.pk)

    response = post(client, article, {"fields": FIELDS, "version": article.version})
    assert response.status_code == 200
    again = post(client, article, {"fields": {**FIELDS, "headline": "Later"}, "version": 1})
    assert again.status_code == 200

    kept = Autosave.objects.get(article=article, user=editor)
    assert kept.fields["headline"] == "Later" and kept.article_version == 1
    assert Article.objects.values("headline", "body", "version").get(pk=article.pk) == before
    read = client.get(autosave_url(article)).json()
    assert read["fields"]["headline"] == "Later" and read["version"] == 1


@pytest.mark.django_db
def test_a_contributor_keeps_copies_of_their_own_drafts_only(client, sign_in):
    contributor = sign_in(CONTRIBUTOR)
    own = ArticleFactory(draft=True, created_by=contributor)
    submitted = ArticleFactory(status=Article.Status.IN_REVIEW, created_by=contributor)
    someone_elses = ArticleFactory(draft=True)

    assert post(client, own, {"fields": FIELDS, "version": 1}).status_code == 200
    assert post(client, submitted, {"fields": FIELDS, "version": 1}).status_code == 403
    assert post(client, someone_elses, {"fields": FIELDS, "version": 1}).status_code == 404
    assert client.get(autosave_url(someone_elses)).status_code == 404
    assert Autosave.objects.filter(user=contributor).count() == 1


@pytest.mark.django_db
def test_one_writers_copy_is_not_shown_to_another(client, sign_in, demo_user):
    article = ArticleFactory(draft=True)
    Autosave.objects.create(
        article=article, user=demo_user(CONTRIBUTOR), fields=FIELDS, article_version=1
    )
    sign_in(EDITOR)
    assert client.get(autosave_url(article)).status_code == 204


@pytest.mark.django_db
def test_it_needs_the_csrf_token(sign_in, demo_user):
    article = ArticleFactory(draft=True)
    client = Client(enforce_csrf_checks=True)
    client.force_login(demo_user(EDITOR))
    assert post(client, article, {"fields": FIELDS, "version": 1}).status_code == 403
    assert not Autosave.objects.exists()


@pytest.mark.django_db
def test_it_needs_a_signed_in_writer(client):
    article = ArticleFactory(draft=True)
    response = post(client, article, {"fields": FIELDS, "version": 1})
    assert response.status_code == 302 and not Autosave.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "payload",
    [
        "not json",
        ["a", "list"],
        {"fields": FIELDS},
        {"fields": FIELDS, "version": "1"},
        {"fields": FIELDS, "version": True},
        {"fields": FIELDS, "version": 0},
        {"fields": ["headline"], "version": 1},
        {"fields": {}, "version": 1},
        {"fields": {"headline": 3}, "version": 1},
        {"fields": {"headline": {"nested": "x"}}, "version": 1},
        {"fields": {f"field_{n}": "x" for n in range(301)}, "version": 1},
        {"fields": {"body": "x" * 1_000_001}, "version": 1},
    ],
)
def test_bad_input_is_refused_with_a_400_and_keeps_nothing(client, sign_in, payload):
    sign_in(EDITOR)
    article = ArticleFactory(draft=True)
    body = payload if isinstance(payload, str) else json.dumps(payload)
    response = client.post(autosave_url(article), body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]
    assert not Autosave.objects.exists()


@pytest.mark.django_db
def test_other_methods_are_refused(client, sign_in):
    sign_in(EDITOR)
    article = ArticleFactory(draft=True)
    assert client.delete(autosave_url(article)).status_code == 405


@pytest.mark.django_db
def test_the_change_form_offers_a_newer_copy_back_and_not_an_older_one(client, sign_in):
    editor = sign_in(EDITOR)
    article = ArticleFactory(draft=True)
    change = reverse("admin:articles_article_change", args=[article.pk])
    assert "Restore your unsaved changes" not in client.get(change).text

    kept = Autosave.objects.create(article=article, user=editor, fields=FIELDS, article_version=1)
    page = client.get(change).text
    assert "Restore your unsaved changes" in page
    assert f'data-url="{autosave_url(article)}"' in page

    Autosave.objects.filter(pk=kept.pk).update(saved_at=article.updated_at)
    assert "Restore your unsaved changes" not in client.get(change).text
