"""Rebuild the full-text index from every article."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from search.indexing import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the full-text search index from every article, in one transaction."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=1000, help="Articles per batch.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias.")

    def handle(self, *args, batch_size, database, **options):
        self.verbosity = options["verbosity"]
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        report = rebuild_index(using=database, batch_size=batch_size, progress=self.progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {report.articles} articles in {report.seconds:.1f} s "
                f"({report.per_second:.0f}/s); the index takes {report.size_bytes / 1e6:.1f} MB."
            )
        )

    def progress(self, count: int) -> None:
        if self.verbosity > 1:
            self.stdout.write(f"  {count} articles indexed")
