"""Load the demo newsroom (idempotent) and, in demo mode, one demo account for each role."""

from django.conf import settings
from django.core.management.base import BaseCommand

from seeds.accounts import DEMO_PASSWORD, ensure_demo_accounts
from seeds.loader import load_newsroom


class Command(BaseCommand):
    help = "Load the demo newsroom; running it again updates rather than duplicates."

    def handle(self, *args, **options):
        counts = load_newsroom()
        summary = ", ".join(f"{n} {name}" for name, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo newsroom ready: {summary}."))
        if not settings.MASTHEAD_DEMO:
            return
        for account, created in ensure_demo_accounts():
            verb = "Created" if created else "Demo account"
            self.stdout.write(
                f"{verb} ({account.role}): username “{account.username}”, "
                f"password “{DEMO_PASSWORD}”."
            )
