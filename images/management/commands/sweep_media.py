"""Remove stored files no row names (a worker killed mid-upload, a write lost with its files)."""

from datetime import timedelta

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand

from core.sweeping import orphans


class Command(BaseCommand):
    help = "Delete media files that no row names and that are older than --hours (default 24)."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=float, default=24, help="Leave younger files alone.")
        parser.add_argument("--dry-run", action="store_true", help="Only list them.")

    def handle(self, *args, hours: float, dry_run: bool, **options):
        found = orphans(timedelta(hours=hours))
        for name in found:
            self.stdout.write(name)
            if not dry_run:
                default_storage.delete(name)
        verb = "Found" if dry_run else "Removed"
        self.stdout.write(f"{verb} {len(found)} file(s) that no row names.")
