"""Delete audit log entries older than AUDIT_LOG_DAYS (run daily, e.g. from cron)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.audit import prune


class Command(BaseCommand):
    help = "Delete audit log entries older than AUDIT_LOG_DAYS."

    def handle(self, *args, **options):
        deleted = prune()
        self.stdout.write(f"Deleted {deleted} entries older than {settings.AUDIT_LOG_DAYS} days.")
