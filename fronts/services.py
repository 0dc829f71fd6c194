"""The one write path of fronts: the admin, the demo seed and the tests all call it."""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from articles.models import Article, Section

from .models import Front, Slot


@dataclass(frozen=True)
class SlotChoice:
    """One story an editor places on a front."""

    article: Article
    place: str = Slot.Place.SECONDARY
    position: int = 0
    starts_at: datetime | None = None


@transaction.atomic
def write_front(*, section: Section | None, slots: list[SlotChoice]) -> Front:
    """Make the front of `section` (None: the home page) hold exactly `slots`.

    The cached pages it leads are refreshed at commit (fronts/pagecache.py).
    """
    front, _ = Front.objects.get_or_create(section=section)
    front.slots.all().delete()
    for choice in slots:
        Slot.objects.create(
            front=front,
            article=choice.article,
            place=choice.place,
            position=choice.position,
            starts_at=choice.starts_at,
        )
    return front


@transaction.atomic
def delete_front(*, front: Front) -> None:
    """Delete a front; its page falls back to the latest."""
    front.delete()
