"""Named moments every process shares (events.models.Marker): the worker's heartbeat."""

from django.utils import timezone

from .models import Marker

HEARTBEAT = "worker-heartbeat"


def beat() -> None:
    """Record that a worker is alive now."""
    Marker.objects.update_or_create(name=HEARTBEAT, defaults={"at": timezone.now()})


def last_heartbeat():
    """Return when a worker last finished a turn, or None if none ever has."""
    return Marker.objects.filter(name=HEARTBEAT).values_list("at", flat=True).first()
