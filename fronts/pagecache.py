"""Fronts and events: a change to a front, or a scheduled slot's start, refreshes the page
it leads (the "front.changed" event; its effect bumps the front's tag)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from articles.golive import FIRST_LOOK_BACK
from core.pagecache import store
from events.models import Marker
from events.services import record

from .models import Front, Slot, front_tag

KINDS = ("front.changed",)
# How far the slot sweep has looked: slots starting up to here have had their event.
SLOTS_MARK = "slots-started-until"


def front_changed(sender, instance, using, raw=False, **kwargs):
    """Record that a front or one of its slots changed."""
    if raw:
        return
    section_id = instance.section_id if sender is Front else _section_of(instance, using)
    record("front.changed", {"section": section_id}, using=using)


def _section_of(slot: Slot, using: str) -> int | None:
    """Return the section of the slot's front (None for the home's, or once it is gone:
    a needless bump of the home, never a missed one, as the front's own delete bumps it)."""
    cached = Slot.front.field.get_cached_value(slot, default=None)
    if cached is not None:
        return cached.section_id
    return (
        Front.objects.using(using)
        .filter(pk=slot.front_id)
        .values_list("section_id", flat=True)
        .first()
    )


def bump_front(events) -> None:
    """The page cache's effect of fronts' events: the pages they lead are stale."""
    store.bump({front_tag(event.payload["section"]) for event in events})


def purge_front(events) -> None:
    """The CDN's effect of fronts' events."""
    store.purge({front_tag(event.payload["section"]) for event in events})


def record_started_slots() -> int:
    """Record a front event for each slot that started since the last sweep; return how many.

    A scheduled slot changes its page with no save; the worker runs this every minute.
    """
    now = timezone.now()
    with transaction.atomic():
        mark, _ = Marker.objects.select_for_update().get_or_create(
            name=SLOTS_MARK, defaults={"at": now - FIRST_LOOK_BACK}
        )
        started = (
            Slot.objects.filter(starts_at__gt=mark.at, starts_at__lte=now)
            .values_list("front__section_id", flat=True)
            .distinct()
        )
        sections = set(started)
        for section_id in sections:
            record("front.changed", {"section": section_id})
        mark.at = now
        mark.save(update_fields=["at"])
    return len(sections)


def connect_signals() -> None:
    """Connect the receivers; called once from the fronts app's ready()."""
    for model in (Front, Slot):
        uid = f"pagecache-front-{model.__name__}"
        post_save.connect(front_changed, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(front_changed, sender=model, dispatch_uid=f"{uid}-deleted")
