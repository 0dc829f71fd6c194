"""Revisions: every save recorded, diffs between any two, restore as a new revision, recovery."""

import pytest
from django.urls import reverse
from reversion.models import Version

from articles.models import Article, Byline
from articles.services.revisions import (
    deleted_versions,
    diff_texts,
    diff_versions,
    restore_revision,
    save_with_revision,
    versions_of,
)
from tests.factories import ArticleFactory, BylineFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_revisions(newsroom_editor):
    article = ArticleFactory(draft=True, headline="Old pier closes", standfirst="For repairs.")
    BylineFactory(article=article)
    save_with_revision(article=article, user=newsroom_editor, comment="First")
    article.headline = "Old pier closes for a year"
    article.body = "<p>Repairs start in May.</p>"
    save_with_revision(article=article, user=newsroom_editor, comment="Second")
    return article


def test_the_diff_marks_words_removed_and_added():
    assert diff_texts("the old pier", "the new pier") == [
        ("equal", "the "),
        ("delete", "old"),
        ("insert", "new"),
        ("equal", " pier"),
    ]


def test_diff_between_two_revisions_covers_headline_standfirst_and_body(two_revisions):
    newer, older = versions_of(two_revisions)

    diffs = {diff.name: diff for diff in diff_versions(older, newer)}

    assert diffs["headline"].changed and ("insert", " for a year") in diffs["headline"].segments
    assert not diffs["standfirst"].changed
    assert diffs["body"].changed


def test_restoring_brings_back_text_and_relations_as_a_new_revision(newsroom_editor, two_revisions):
    oldest = versions_of(two_revisions).last()
    Byline.objects.filter(article=two_revisions).delete()
    two_revisions.refresh_from_db()

    restored = restore_revision(article=two_revisions, version=oldest, user=newsroom_editor)

    assert restored.headline == "Old pier closes"
    assert restored.bylines.count() == 1
    assert restored.status == Article.Status.DRAFT
    assert restored.version == 4
    assert versions_of(restored).count() == 3
    assert restored.events.get().action == "restored"


def test_restore_keeps_the_current_workflow_state(newsroom_editor, two_revisions):
    from articles.services import publishing

    oldest = versions_of(two_revisions).last()
    publishing.publish(article=two_revisions, user=newsroom_editor)

    restored = restore_revision(article=two_revisions, version=oldest, user=newsroom_editor)

    assert restored.status == Article.Status.PUBLISHED
    assert restored.headline == "Old pier closes"


def test_the_admin_history_shows_a_diff_and_restores_in_one_step(editor_client, two_revisions):
    newer, older = versions_of(two_revisions)
    history = reverse("admin:articles_article_history", args=[two_revisions.pk])

    page = editor_client.get(history, {"old": older.pk, "new": newer.pk})
    restored = editor_client.post(
        reverse("admin:articles_article_restore", args=[two_revisions.pk, older.pk])
    )

    assert '[added: </span> for a year<span class="visually-hidden">]</span></ins>' in page.text
    assert restored.status_code == 302
    assert Article.objects.get(pk=two_revisions.pk).headline == "Old pier closes"


def test_a_save_without_a_revision_block_is_still_recorded(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory()
        article.headline = "Changed by a script"
        article.save()

    (version,) = versions_of(article)
    assert version.field_dict["headline"] == "Changed by a script"
    assert version.revision.user is None


def test_an_editor_recovers_a_deleted_article_with_its_bylines(editor_client, two_revisions):
    pk = two_revisions.pk
    editor_client.post(reverse("admin:articles_article_delete", args=[pk]), {"post": "yes"})
    assert not Article.objects.filter(pk=pk).exists()
    version = deleted_versions().get(object_id=str(pk))

    listing = editor_client.get(reverse("admin:articles_article_recoverlist"))
    response = editor_client.post(reverse("admin:articles_article_recover", args=[version.pk]))

    assert "Old pier closes for a year" in listing.text
    assert response.status_code == 302
    recovered = Article.objects.get(pk=pk)
    assert recovered.headline == "Old pier closes for a year"
    assert recovered.bylines.count() == 1
    assert Version.objects.get_for_object(recovered).first().revision.comment == (
        "Recovered after deletion"
    )


def test_a_contributor_cannot_recover_deleted_articles(client, contributor):
    client.force_login(contributor)

    assert client.get(reverse("admin:articles_article_recoverlist")).status_code == 403
