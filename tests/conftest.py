"""Shared fixtures: who is signed in, and a fully related article."""

import pytest
from django.contrib.auth.models import Permission

from tests.factories import (
    ArticleFactory,
    ArticleImageFactory,
    BylineFactory,
    MentionFactory,
    TaggedArticleFactory,
    UserFactory,
)

EDITOR_APPS = ["articles", "people", "taggit", "images"]


@pytest.fixture
def editor(db):
    """Return a staff user with every permission on newsroom models."""
    user = UserFactory(username="editor-user", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=EDITOR_APPS))
    return user


@pytest.fixture
def editor_client(client, editor):
    """Return a test client signed in as the editor."""
    client.force_login(editor)
    return client


@pytest.fixture
def rich_article(db):
    """Return a factory making a published article with `n` of each relation."""

    def make(n: int = 1, **fields):
        article = ArticleFactory(**fields)
        for _ in range(n):
            BylineFactory(article=article)
            MentionFactory(article=article)
            TaggedArticleFactory(content_object=article)
            ArticleImageFactory(article=article)
        return article

    return make
