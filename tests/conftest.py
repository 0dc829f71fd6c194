"""Shared fixtures: who is signed in, and a fully related article."""

import pytest
from django.contrib.auth.models import Group

from articles.roles import EDITOR
from tests.factories import (
    ArticleFactory,
    ArticleImageFactory,
    BylineFactory,
    MentionFactory,
    TaggedArticleFactory,
    UserFactory,
)


@pytest.fixture
def editor(db):
    """Return a staff user in the real Editor role, as the roles module defines it."""
    user = UserFactory(username="editor-user", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITOR))
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
