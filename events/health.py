"""Health for load balancers: is the process alive, and is the site ready to serve.

Liveness answers as long as the process can answer at all. Readiness checks the database,
the shared cache (tag versions, throttles), the worker's heartbeat and the age of the
oldest undelivered event; each failed check is named in the 503's JSON body.
"""

from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.views.decorators.cache import never_cache

from .dispatch import backlog
from .markers import last_heartbeat


@never_cache
def live(request):
    """Answer 200 while the process answers."""
    return JsonResponse({"status": "alive"})


@never_cache
def ready(request):
    """Answer 200 if every check passes, 503 naming those that do not."""
    checks = {
        "database": _database,
        "cache": _cache,
        "worker": _worker,
        "outbox": _outbox,
    }
    results = {}
    for name, check in checks.items():
        try:
            results[name] = check()
        except Exception as error:
            results[name] = f"unavailable: {type(error).__name__}"
    healthy = all(result == "ok" for result in results.values())
    return JsonResponse(
        {"status": "ready" if healthy else "not ready", "checks": results},
        status=200 if healthy else 503,
    )


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def _cache() -> str:
    shared = caches[settings.THROTTLE_CACHE_ALIAS]
    probe, value = "health-probe", get_random_string(12)
    shared.set(probe, value, timeout=30)
    return "ok" if shared.get(probe) == value else "does not keep what it is given"


def _worker() -> str:
    beat = last_heartbeat()
    if beat is None:
        return "no worker has run"
    silent = timezone.now() - beat
    if silent > timedelta(seconds=settings.HEALTH_WORKER_SECONDS):
        return f"silent for {int(silent.total_seconds())} s"
    return "ok"


def _outbox() -> str:
    waiting, oldest = backlog()
    if oldest is None:
        return "ok"
    age = timezone.now() - oldest.created_at
    if age > timedelta(seconds=settings.HEALTH_OUTBOX_SECONDS):
        return f"{waiting} events waiting, the oldest for {int(age.total_seconds())} s"
    return "ok"
