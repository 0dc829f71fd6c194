"""API tokens: scoped, expiring, revocable, stored hashed, their key shown once."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import ApiToken
from accounts.tokens import hash_key, new_token, revoke_token
from articles.models import Article
from articles.roles import ADMINISTRATOR
from core.api import conditional
from tests.factories import ArticleFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db


def client_with(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def create_article(client):
    data = {"headline": "Ferry timetable changes", "section": SectionFactory().slug}
    return client.post("/api/v1/articles/", data, format="json")


def publish(client, article):
    etag = conditional.version_etag(article)
    return client.post(
        f"/api/v1/articles/{article.pk}/publish/",
        {"anyway": True},
        format="json",
        HTTP_IF_MATCH=etag,
    )


def test_a_read_scoped_token_reads_but_any_write_is_a_403(editor):
    _, key = new_token(editor, name="Reader app", scope=ApiToken.Scope.READ)
    client = client_with(key)

    assert client.get("/api/v1/articles/").status_code == 200
    response = create_article(client)
    assert response.status_code == 403
    assert "only read" in response.json()["detail"]
    assert not Article.objects.exists()


def test_a_write_scoped_token_edits_but_may_not_publish(editor):
    _, key = new_token(editor, name="Copy desk", scope=ApiToken.Scope.WRITE)
    client = client_with(key)

    assert create_article(client).status_code == 201
    article = Article.objects.get()
    assert publish(client, article).status_code == 403
    article.refresh_from_db()
    assert article.status != Article.Status.PUBLISHED


def test_a_publish_scoped_token_of_an_editor_publishes(editor):
    _, key = new_token(editor, name="Wire desk", scope=ApiToken.Scope.PUBLISH)
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)

    assert publish(client_with(key), article).status_code == 200
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED


def test_an_expired_token_is_a_401(editor):
    _, key = new_token(editor, name="Old", scope=ApiToken.Scope.READ, days=1)
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        response = client_with(key).get("/api/v1/articles/")
    assert response.status_code == 401


def test_a_revoked_token_is_a_401_from_its_next_request(editor):
    token, key = new_token(editor, name="Lost laptop", scope=ApiToken.Scope.READ)
    client = client_with(key)
    assert client.get("/api/v1/articles/").status_code == 200

    revoke_token(token=token, revoked_by=editor)

    assert client.get("/api/v1/articles/").status_code == 401


def test_only_the_hash_is_stored_and_the_last_use_is_recorded(editor):
    token, key = new_token(editor, name="Mobile", scope=ApiToken.Scope.READ)
    client = APIClient(REMOTE_ADDR="198.51.100.9")
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")

    client.get("/api/v1/articles/")

    token.refresh_from_db()
    assert token.key_hash == hash_key(key) and key not in {token.key_hash, token.prefix}
    assert token.last_used_from == "198.51.100.9"
    assert token.last_used_at is not None


def test_a_user_keeps_several_named_tokens(editor):
    for name in ("Mobile", "Newsletter", "Partner feed"):
        new_token(editor, name=name, scope=ApiToken.Scope.READ)
    assert sorted(editor.api_tokens.values_list("name", flat=True)) == [
        "Mobile",
        "Newsletter",
        "Partner feed",
    ]
    assert len(set(editor.api_tokens.values_list("key_hash", flat=True))) == 3


def test_the_admin_shows_the_key_once_and_never_again(client, editor):
    administrator = UserFactory(username="chief", is_staff=True)
    administrator.groups.add(Group.objects.get(name=ADMINISTRATOR))
    client.force_login(administrator)
    add = client.post(
        reverse("admin:accounts_apitoken_add"),
        {
            "user": administrator.pk,
            "name": "Archive sync",
            "scope": "read",
            "expires_at_0": "",
            "expires_at_1": "",
        },
    )
    assert add.status_code == 200, add.content[:500]
    token = ApiToken.objects.get(name="Archive sync")
    key = add.context["key"]
    assert token.key_hash == hash_key(key) and key in add.content.decode()

    pages = [
        reverse("admin:accounts_apitoken_changelist"),
        reverse("admin:accounts_apitoken_change", args=[token.pk]),
        reverse("admin:accounts_apitoken_history", args=[token.pk]),
        reverse("admin:accounts_auditentry_changelist"),
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert key not in response.content.decode(), page


def test_staff_see_and_revoke_only_their_own_tokens_administrators_everyone(client, editor):
    own, _ = new_token(editor, name="Mine", scope="read")
    other, _ = new_token(UserFactory(is_staff=True), name="Someone else's", scope="read")
    client.force_login(editor)

    listing = client.get(reverse("admin:accounts_apitoken_changelist")).content.decode()
    assert "Mine" in listing and "Someone else" not in listing
    client.post(
        reverse("admin:accounts_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [own.pk, other.pk]},
    )

    own.refresh_from_db(), other.refresh_from_db()
    assert own.revoked_at is not None and other.revoked_at is None
