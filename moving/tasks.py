"""An uploaded export checked (a dry run), then imported, by the worker, never in a request."""

from pathlib import Path

from django.conf import settings
from django.db import transaction
from django_tasks import task

from moving.models import ImportRun, Source
from moving.services import import_site
from moving.sites import ghost_site, wordpress_site


def read(run: ImportRun):
    path = Path(run.file.path)
    return wordpress_site(path) if run.source == Source.WORDPRESS else ghost_site(path)


def media_dir() -> Path | None:
    folder = settings.IMPORT_MEDIA_DIR
    return Path(folder) if folder else None


@task()
def check_import(run_id: int) -> None:
    """Dry-run the export and keep the report for the editor to read before importing."""
    run = ImportRun.objects.get(pk=run_id)
    _go(run, dry_run=True, then=ImportRun.State.CHECKED)


@task()
def perform_import(run_id: int) -> None:
    """Import the export for real, post by post, writing progress as it goes."""
    run = ImportRun.objects.get(pk=run_id)
    ImportRun.objects.filter(pk=run.pk).update(state=ImportRun.State.RUNNING, done=0)
    _go(run, dry_run=False, then=ImportRun.State.DONE)


def _go(run: ImportRun, *, dry_run: bool, then: str) -> None:
    try:
        site = read(run)
    except Exception as error:  # not an export of that kind, or a broken one
        ImportRun.objects.filter(pk=run.pk).update(
            state=ImportRun.State.FAILED, report={"error": f"The file could not be read: {error}"}
        )
        return
    ImportRun.objects.filter(pk=run.pk).update(total=site.total)
    report = import_site(
        site,
        media_dir=media_dir(),
        dry_run=dry_run,
        user=run.created_by,
        progress=None if dry_run else _progress(run),
    )
    with transaction.atomic():
        ImportRun.objects.filter(pk=run.pk).update(
            state=then, report=report.as_dict(), done=site.total
        )
    if then == ImportRun.State.DONE:  # the export holds drafts and private posts: not kept
        run.file.delete(save=False)
        ImportRun.objects.filter(pk=run.pk).update(file="")


def _progress(run: ImportRun):
    def note(done: int) -> None:
        ImportRun.objects.filter(pk=run.pk).update(done=done)

    return note
