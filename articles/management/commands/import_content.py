"""Restore an archive written by export_content into an empty database."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.services.archive import ArchiveError, import_content
from core.signals import content_imported
from search.indexing import rebuild_index


class Command(BaseCommand):
    help = "Restore a content archive (export_content) into an empty, migrated database."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The archive to restore (.tar.gz).")

    def handle(self, *args, path: Path, **options):
        if not path.is_file():
            raise CommandError(f"There is no archive at {path}.")
        started = time.perf_counter()
        try:
            report = import_content(path)
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        rebuild_index()
        content_imported.send(sender=self.__class__, path=path, counts=report.counts)
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Restored {report.counts['articles.Article']} articles, "
            f"{sum(report.counts.values())} rows in all and {report.files} files "
            f"in {seconds:.1f} s; the search index was rebuilt."
        )
