"""Every workflow page an editor opens answers 200 when requested as users request it (GET).

The workflow tests used to POST straight to these views, so a page that could not render
(every confirmation page once answered 500) went unseen.
"""

import pytest
from django.urls import reverse

from articles.admin.workflow import BULK_STEPS, bulk_action
from articles.services.publishing import STEPS
from articles.services.revisions import deleted_versions, save_with_revision, versions_of
from tests.factories import ArticleFactory
from tests.workflow.stages import STEP_STARTS, article_at

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"admin:articles_article_{name}", args=args)


@pytest.fixture
def editor_signed_in(client, newsroom_editor):
    client.force_login(newsroom_editor)
    return client


@pytest.mark.parametrize(("step", "stage"), STEP_STARTS)
def test_an_editor_opens_each_step_confirmation_page_from_each_stage(editor_signed_in, step, stage):
    article = article_at(stage)
    response = editor_signed_in.get(url("transition", article.pk, step))
    assert response.status_code == 200
    assert STEPS[step].label in response.text
    assert article.headline in response.text


def test_a_contributor_opens_the_submit_page_of_their_own_draft(client, contributor):
    article = ArticleFactory(draft=True, created_by=contributor)
    client.force_login(contributor)
    response = client.get(url("transition", article.pk, "submit"))
    assert response.status_code == 200
    assert "Submit for review" in response.text


@pytest.mark.parametrize("step", BULK_STEPS)
def test_the_list_bulk_actions_show_their_confirmation_page(editor_signed_in, step):
    article = ArticleFactory(draft=True)
    action = bulk_action(STEPS[step]).__name__
    response = editor_signed_in.post(
        url("changelist"), {"action": action, "_selected_action": [article.pk]}
    )
    assert response.status_code == 200
    assert article.headline in response.text
    assert 'name="confirm"' in response.text


def test_an_editor_opens_the_add_correction_page(editor_signed_in):
    article = ArticleFactory()
    response = editor_signed_in.get(url("correction", article.pk))
    assert response.status_code == 200
    assert "Add a correction" in response.text


def test_an_editor_opens_the_restore_page_of_an_old_revision(editor_signed_in, newsroom_editor):
    article = ArticleFactory(headline="Ferry timetable changes")
    save_with_revision(article=article, user=newsroom_editor, comment="First")
    article.headline = "Ferry timetable changes again"
    save_with_revision(article=article, user=newsroom_editor, comment="Second")
    oldest = versions_of(article).last()
    response = editor_signed_in.get(url("restore", article.pk, oldest.pk))
    assert response.status_code == 200
    assert "Restore this revision?" in response.text


def test_an_editor_opens_the_recover_page_of_a_deleted_article(editor_signed_in, newsroom_editor):
    article = ArticleFactory(headline="Night market moves")
    save_with_revision(article=article, user=newsroom_editor, comment="Written")
    editor_signed_in.post(url("delete", article.pk), {"post": "yes"})
    version = deleted_versions().get(object_id=str(article.pk))
    listing = editor_signed_in.get(url("recoverlist"))
    assert listing.status_code == 200
    response = editor_signed_in.get(url("recover", version.pk))
    assert response.status_code == 200
    assert "Night market moves" in response.text
