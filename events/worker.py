"""The worker's loop: tasks, due effects, jobs on a clock, and a heartbeat every process sees.

`manage.py worker` runs it. Each turn runs the tasks that are ready (django.tasks, on the
configured backend), the effects whose time has come (first tries left by a commit, retries
after a failure or an expired claim), and the periodic jobs apps registered (the go-live
sweep), then writes its heartbeat for the readiness check.
"""

import logging
import time

from django.conf import settings
from django.db import close_old_connections
from django_tasks import task_backends

from .dispatch import dispatch_events
from .markers import beat
from .registry import periodic_jobs

logger = logging.getLogger(__name__)


class Worker:
    """One worker process: call `turn()` in a loop, or `run()` until `stop()`."""

    def __init__(self, worker_id: str):
        self.worker_id = worker_id
        self.running = True
        self.last_run: dict[str, float] = {}

    def run(self) -> None:
        """Turn until stopped, resting EVENTS_POLL_SECONDS between turns."""
        while self.running:
            close_old_connections()
            self.turn()
            time.sleep(settings.EVENTS_POLL_SECONDS)

    def stop(self, *args) -> None:
        """Finish the current turn, then return from run()."""
        self.running = False

    def turn(self) -> None:
        """Run ready tasks, due effects and due periodic jobs once; beat."""
        for step in (self.run_tasks, dispatch_events, self.run_periodic):
            try:
                step()
            except Exception:
                logger.exception("The worker's %s failed; tried again next turn", step.__name__)
        beat()

    def run_periodic(self) -> None:
        """Run each registered job whose interval has passed since this worker last ran it."""
        now = time.monotonic()
        for name, (job, seconds) in periodic_jobs().items():
            if now - self.last_run.get(name, -float("inf")) >= seconds:
                self.last_run[name] = now
                job()

    def run_tasks(self) -> None:
        """Run the tasks that are ready on the default backend, then return."""
        backend = task_backends["default"]
        kind = type(backend).__module__
        if kind.startswith("django_tasks_db"):
            self._run_database_tasks()
        elif kind.startswith("django_tasks_rq"):
            self._run_rq_tasks()

    def _run_database_tasks(self) -> None:
        from django_tasks_db.management.commands.db_worker import Worker as DatabaseWorker

        DatabaseWorker(
            queue_names=["*"], interval=0, batch=True, backend_name="default",
            startup_delay=False, max_tasks=None, worker_id=self.worker_id,
            excluded_queue_names=[],
        ).run()  # fmt: skip

    def _run_rq_tasks(self) -> None:
        import django_rq

        django_rq.get_worker(*settings.RQ_QUEUES).work(burst=True, with_scheduler=True)
