"""Fronts and the page cache: a change to a front refreshes the page it leads, and a
scheduled slot's start bounds how long a page may be kept."""

import math

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from articles.pagecache import describe as describe_articles
from core.pagecache import store

from .models import Front, Slot, front_tag
from .selectors import next_slot_start


def describe(request, shown: set[str]) -> tuple[set[str], int | None]:
    """Describe a response as articles do, kept no later than the next slot's start."""
    tags, limit = describe_articles(request, shown)
    starts = next_slot_start()
    if starts is None:
        return tags, limit
    until = math.ceil((starts - timezone.now()).total_seconds())
    return tags, until if limit is None else min(limit, until)


def front_changed(sender, instance, using, **kwargs):
    """Bump the page a front or one of its slots leads, when the change commits."""
    section_id = instance.section_id if sender is Front else _section_of(instance, using)
    tag = front_tag(section_id)
    transaction.on_commit(lambda: store.bump({tag}), using=using, robust=True)


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


def connect_signals() -> None:
    """Connect the receivers; called once from the fronts app's ready()."""
    for model in (Front, Slot):
        uid = f"pagecache-front-{model.__name__}"
        post_save.connect(front_changed, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(front_changed, sender=model, dispatch_uid=f"{uid}-deleted")
