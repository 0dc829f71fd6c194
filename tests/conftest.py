"""Shared fixtures: the media folder, who is signed in, a related article, commits, index writes."""

from functools import partial

import pytest
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS
from django.test import override_settings

from articles.models import ArticleImage, Byline, Mention, Tag, TaggedArticle
from people.models import Person
from search.service import engine_for
from tests.factories import (
    ArticleFactory,
    ArticleImageFactory,
    BylineFactory,
    MentionFactory,
    PersonFactory,
    TagFactory,
    TaggedArticleFactory,
    editor_user,
)


@pytest.fixture(scope="session", autouse=True)
def media_root(tmp_path_factory):
    """Keep this run's uploads and renditions in a folder of its own, not the project's.

    Each pytest-xdist worker has its own temporary folder, and pytest keeps only the last
    few runs' folders, so pictures drawn by the seeds never pile up.
    """
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(autouse=True)
def empty_kept_pages(settings):
    """Start each test with no cached page or kept fragment; return the emptying function.

    A test's changes roll back instead of committing, so they bump no tag: what an earlier
    test kept (the navigation, an article's parts) would still look current.
    """

    def empty() -> None:
        for alias in (settings.PAGE_CACHE_ALIAS, settings.FRAGMENT_CACHE_ALIAS):
            caches[alias].clear()

    empty()
    return empty


@pytest.fixture
def editor(db):
    """Return a staff user in the real Editor role, as the roles module defines it."""
    return editor_user()


@pytest.fixture
def editor_client(client, editor):
    """Return a test client signed in as the editor."""
    client.force_login(editor)
    return client


@pytest.fixture
def rich_article(db):
    """Return a factory making a published article with `n` of each relation, written in bulk."""

    def make(n: int = 1, **fields):
        article = ArticleFactory(**fields)
        writers = Person.objects.bulk_create(
            PersonFactory.build_batch(n, kind=Person.Kind.CONTRIBUTOR)
        )
        newsmakers = Person.objects.bulk_create(PersonFactory.build_batch(n))
        tags = Tag.objects.bulk_create(TagFactory.build_batch(n))
        Byline.objects.bulk_create(
            BylineFactory.build(article=article, person=person, position=i)
            for i, person in enumerate(writers)
        )
        Mention.objects.bulk_create(
            MentionFactory.build(article=article, person=person, position=i)
            for i, person in enumerate(newsmakers)
        )
        TaggedArticle.objects.bulk_create(
            TaggedArticleFactory.build(content_object=article, tag=tag) for tag in tags
        )
        ArticleImage.objects.bulk_create(ArticleImageFactory.build_batch(n, article=article))
        return article

    return make


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Return a context manager whose block ends as a commit would: its on-commit callbacks run.

    Each test runs inside a transaction that is rolled back, so what is done at commit (the
    search index is written then) only happens for the writes made inside this block.
    """
    return partial(django_capture_on_commit_callbacks, execute=True)


@pytest.fixture
def index_writes(monkeypatch):
    """Return the ids of the articles of each write to the index, as the writes happen."""
    engine = engine_for(DEFAULT_DB_ALIAS)
    write = engine.write
    writes = []

    def counted_write(documents, using):
        writes.append(sorted(document.article_id for document in documents))
        write(documents, using)

    monkeypatch.setattr(engine, "write", counted_write)
    return writes
