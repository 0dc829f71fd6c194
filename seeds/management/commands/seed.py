"""Load the demo newsroom (idempotent) and, in demo mode, the demo editor account."""

from django.conf import settings
from django.core.management.base import BaseCommand

from seeds.accounts import DEMO_PASSWORD, DEMO_USERNAME, ensure_demo_editor
from seeds.loader import load_newsroom


class Command(BaseCommand):
    help = "Load the demo newsroom; running it again updates rather than duplicates."

    def handle(self, *args, **options):
        counts = load_newsroom()
        summary = ", ".join(f"{n} {name}" for name, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo newsroom ready: {summary}."))
        if not settings.MASTHEAD_DEMO:
            return
        created = ensure_demo_editor()
        verb = "Created" if created else "Demo editor account"
        self.stdout.write(f"{verb}: username “{DEMO_USERNAME}”, password “{DEMO_PASSWORD}”.")
