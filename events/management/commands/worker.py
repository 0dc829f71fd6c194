"""Run the background worker: tasks, the effects of events, and jobs on a clock."""

import signal

from django.core.management.base import BaseCommand
from django.utils.crypto import get_random_string

from events.worker import Worker


class Command(BaseCommand):
    help = (
        "Run the worker: background tasks, the effects of events (retried until done) and "
        "scheduled publishing. Ctrl-C (or SIGTERM) stops it after the current turn."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Take one turn, then exit (for cron and tests)."
        )

    def handle(self, *args, once=False, **options):
        worker = Worker(worker_id=get_random_string(32))
        if once:
            worker.turn()
            return
        signal.signal(signal.SIGINT, worker.stop)
        signal.signal(signal.SIGTERM, worker.stop)
        self.stdout.write("Worker started; Ctrl-C stops it.")
        worker.run()
