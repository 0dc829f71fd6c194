"""Revisions: every save recorded, diffs between any two, restore as a new revision, recovery."""

import contextlib

import pytest
from django.db import transaction
from django.urls import reverse
from reversion.models import Version

from articles.models import Article, ArticleImage, Byline
from articles.services.revisions import (
    deleted_versions,
    diff_texts,
    diff_versions,
    restore_revision,
    save_with_revision,
    versions_of,
)
from articles.services.writing import ArticleRelations, write_article
from tests.factories import (
    ArticleFactory,
    BylineFactory,
    ImageFactory,
    PersonFactory,
    SectionFactory,
    TagFactory,
    TaggedArticleFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_revisions(newsroom_editor):
    article = ArticleFactory(
        draft=True, ready=False, headline="Old pier closes", standfirst="For repairs."
    )
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
    publishing.publish(article=two_revisions, user=newsroom_editor, anyway=True)  # no picture

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


def test_a_rolled_back_save_does_not_stop_the_next_one_being_recorded(
    django_capture_on_commit_callbacks,
):
    with contextlib.suppress(RuntimeError), transaction.atomic():
        ArticleFactory()
        raise RuntimeError("rolled back")
    # SQLite hands the rolled-back id out again: the new article must not pass for the old.
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory()

    assert len(versions_of(article)) == 1


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


@pytest.fixture
def corrected_article(newsroom_editor):
    """Return a draft published through the service, then corrected."""
    from articles.services import publishing

    article = ArticleFactory(draft=True, headline="Pier reopens")
    publishing.publish(article=article, user=newsroom_editor)
    publishing.add_correction(
        article=article, user=newsroom_editor, text="The pier is 200 m long, not 300 m."
    )
    return article


def delete_in_admin(client, article) -> Version:
    client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})
    assert not Article.objects.filter(pk=article.pk).exists()
    return deleted_versions().get(object_id=str(article.pk))


def test_a_recovered_article_comes_back_as_a_draft_with_its_corrections_and_events(
    client, editor_client, editor, newsroom_editor, corrected_article
):
    pk, public_url = corrected_article.pk, corrected_article.get_absolute_url()
    version = delete_in_admin(editor_client, corrected_article)

    response = editor_client.post(reverse("admin:articles_article_recover", args=[version.pk]))

    assert response.status_code == 302
    recovered = Article.objects.get(pk=pk)
    assert (recovered.status, recovered.published_at) == ("draft", None)
    correction = recovered.corrections.get()
    assert correction.text == "The pier is 200 m long, not 300 m."
    assert correction.created_by == newsroom_editor
    events = list(recovered.events.order_by("at", "pk"))
    assert [e.action for e in events] == ["published", "corrected", "recovered"]
    assert (events[-1].user, events[-1].from_status) == (editor, "published")
    assert client.get(public_url).status_code in (404, 410)
    assert not Article.objects.published().filter(pk=pk).exists()


def test_recovery_survives_the_deletion_of_the_account_that_wrote_the_history(
    editor_client, newsroom_editor, corrected_article
):
    version = delete_in_admin(editor_client, corrected_article)
    newsroom_editor.delete()

    editor_client.post(reverse("admin:articles_article_recover", args=[version.pk]))

    recovered = Article.objects.get(pk=corrected_article.pk)
    assert recovered.corrections.get().created_by is None
    assert recovered.events.filter(action="published").get().user is None


def test_a_contributor_cannot_recover_a_deleted_article_even_through_the_service(
    client, contributor, editor_client, corrected_article
):
    from django.core.exceptions import PermissionDenied

    from articles.services.revisions import recover_article

    version = delete_in_admin(editor_client, corrected_article)
    client.force_login(contributor)

    response = client.post(reverse("admin:articles_article_recover", args=[version.pk]))
    with pytest.raises(PermissionDenied):
        recover_article(version=version, user=contributor)

    assert response.status_code == 403
    assert not Article.objects.filter(pk=corrected_article.pk).exists()


def test_restoring_an_old_revision_keeps_later_corrections_and_events(
    newsroom_editor, corrected_article
):
    oldest = versions_of(corrected_article).last()
    corrected_article.refresh_from_db()

    restored = restore_revision(article=corrected_article, version=oldest, user=newsroom_editor)

    assert restored.corrections.count() == 1
    assert [e.action for e in restored.events.order_by("at", "pk")] == [
        "published",
        "corrected",
        "restored",
    ]
    assert restored.status == "published"


def test_restoring_one_article_leaves_others_saved_in_the_same_revision(newsroom_editor):
    from articles.services.revisions import recording

    first, second = ArticleFactory(headline="First"), ArticleFactory(headline="Second")
    with recording(newsroom_editor, "Both at once"):
        for article in (first, second):
            save_with_revision(article=article, user=newsroom_editor, comment="Both at once")
    second.headline = "Second, edited"
    save_with_revision(article=second, user=newsroom_editor, comment="Edit")
    first.headline = "First, edited"
    save_with_revision(article=first, user=newsroom_editor, comment="Edit")

    restore_revision(article=first, version=versions_of(first).last(), user=newsroom_editor)

    assert Article.objects.get(pk=first.pk).headline == "First"
    assert Article.objects.get(pk=second.pk).headline == "Second, edited"


def test_the_compare_view_diffs_words_and_every_relation(newsroom_editor, editor_client):
    article = ArticleFactory(draft=True, ready=False, body="<p>The pier <b>opens</b> in May.</p>")
    BylineFactory(article=article, person__full_name="Ana Lima")
    TaggedArticleFactory(content_object=article, tag__name="Ferries")
    save_with_revision(article=article, user=newsroom_editor, comment="First")
    before = {"section": article.section.name}
    relations = ArticleRelations(
        bylines=[Byline(person=PersonFactory(full_name="Tom Reyes"), role=Byline.Role.EDITOR)],
        tags=[TagFactory(name="Harbours")],
        images=[ArticleImage(image=ImageFactory(caption="The pier at dawn"), is_lead=True)],
    )
    write_article(
        article=article,
        fields={
            "body": "<p>The pier <b>opens</b> in June.</p>",
            "section": SectionFactory(name="City"),
        },
        relations=relations,
        user=newsroom_editor,
        comment="Second",
    )
    newer, older = versions_of(article)[:2]

    diffs = {diff.name: diff for diff in diff_versions(older, newer)}

    body = diffs["body"].segments
    assert ("delete", "May.") in body and ("insert", "June.") in body
    assert not any("<" in text for _, text in body)  # words, not markup
    assert ("delete", f"{before['section']}\n") in diffs["section"].segments
    assert ("insert", "City\n") in diffs["section"].segments
    assert ("delete", "Ana Lima (Author)\n") in diffs["bylines"].segments
    assert ("insert", "Tom Reyes (Editor)\n") in diffs["bylines"].segments
    assert ("delete", "Ferries\n") in diffs["tags"].segments
    assert ("insert", "Harbours\n") in diffs["tags"].segments
    assert any("Lead: The pier at dawn" in text for kind, text in diffs["pictures"].segments)
    assert not diffs["headline"].changed

    page = editor_client.get(
        reverse("admin:articles_article_history", args=[article.pk]),
        {"old": older.pk, "new": newer.pk},
    ).text
    for label in ("Bylines", "People", "Tags", "Pictures", "Section"):
        assert f"<h3>{label}" in page
