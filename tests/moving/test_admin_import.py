"""Importing in the admin: upload, the worker's dry run, then the import with its progress."""

import pytest
from django.urls import reverse

from articles.models import Article
from events.worker import Worker
from moving.models import ImportRun, Redirect
from tests.moving.conftest import EXPORTS

pytestmark = pytest.mark.django_db


def upload(client, name: str, source: str):
    with (EXPORTS / name).open("rb") as export:
        return client.post(
            reverse("admin:moving_importrun_add"), {"source": source, "file": export}
        )


def test_an_upload_is_checked_by_the_worker_before_anything_is_written(
    editor_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(editor_client, "harbourside.wxr.xml", "wordpress")
    assert response.status_code == 302
    run = ImportRun.objects.get()
    assert run.state == ImportRun.State.CHECKING

    Worker("test").turn()

    run.refresh_from_db()
    assert run.state == ImportRun.State.CHECKED and run.report["created"]["articles"] == 6
    assert not Article.objects.exists() and not Redirect.objects.exists()
    page = editor_client.get(reverse("admin:moving_importrun_change", args=[run.pk]))
    assert "created 6 articles" in page.content.decode() and "Import now" in page.content.decode()


def test_importing_runs_in_the_worker_and_shows_its_progress(
    editor_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(editor_client, "rivercity.ghost.json", "ghost")
    Worker("test").turn()
    run = ImportRun.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        started = editor_client.post(reverse("admin:moving_importrun_start", args=[run.pk]))
    assert started.status_code == 302
    assert not Article.objects.exists()  # nothing in the editor's request
    Worker("test").turn()

    run.refresh_from_db()
    assert run.state == ImportRun.State.DONE and run.done == run.total == 6
    assert Article.objects.count() == 6
    page = editor_client.get(reverse("admin:moving_importrun_change", args=[run.pk]))
    assert "6 of 6 posts" in page.content.decode()


def test_a_file_past_the_limit_gets_a_clear_message(editor_client, settings):
    settings.IMPORT_UPLOAD_LIMIT_MB = 0
    response = upload(editor_client, "harbourside.wxr.xml", "wordpress")
    assert response.status_code == 200
    assert "the admin takes exports of up to 0 MB" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_a_file_of_the_wrong_kind_fails_with_its_reason(
    editor_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(editor_client, "rivercity.ghost.json", "wordpress")
    Worker("test").turn()
    run = ImportRun.objects.get()
    assert run.state == ImportRun.State.FAILED and "could not be read" in run.report["error"]


def test_editors_see_and_edit_old_addresses(editor_client):
    assert editor_client.get(reverse("admin:moving_redirect_changelist")).status_code == 200
    assert editor_client.get(reverse("admin:moving_redirect_add")).status_code == 200
    assert editor_client.get(reverse("admin:moving_importrun_changelist")).status_code == 200
