"""Write every row of every model and every file they name to an archive."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.services.archive import ArchiveError, export_content
from core.signals import content_exported


class Command(BaseCommand):
    help = "Export the newsroom's content, history and image files to a versioned .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="Where to write the archive (.tar.gz).")

    def handle(self, *args, path: Path, **options):
        if path.exists():
            raise CommandError(f"{path} exists already; choose a new file name.")
        started = time.perf_counter()
        try:
            report = export_content(path)
        except ArchiveError as error:
            path.unlink(missing_ok=True)
            raise CommandError(str(error)) from error
        content_exported.send(sender=self.__class__, path=path, counts=report.counts)
        seconds = time.perf_counter() - started
        articles = report.counts["articles.Article"]
        self.stdout.write(
            f"Exported {articles} articles, {sum(report.counts.values())} rows in all and "
            f"{report.files} files to {path} in {seconds:.1f} s."
        )
