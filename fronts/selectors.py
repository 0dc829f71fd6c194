"""Reads of the fronts for the pages they lead: one query per front, whatever its length."""

from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from articles.models import Article, Section
from articles.models.articles import CARD_FIELDS
from core.pagecache.tags import record

from .models import Slot, front_tag

SLOT_FIELDS = ("id", "place", "position", "starts_at", "article_id", "front_id")


def curated_articles(section: Section | None = None) -> list[Article]:
    """Return the public articles editors chose for a front (None: the home's), lead first.

    Slots not yet started wait; a later-starting slot replaces the one in its place and
    position; a slot whose article is not public is skipped, so the one before it stays.
    """
    record(front_tag(section.pk if section else None))
    chosen: dict[tuple[str, int], Slot] = {}
    for slot in started_slots(section):
        if slot.public:
            chosen[place_key(slot)] = slot
    ordered = sorted(
        chosen.values(), key=lambda slot: (slot.place != Slot.Place.LEAD, slot.position)
    )
    unique = {slot.article_id: slot.article for slot in reversed(ordered)}
    return [unique.pop(slot.article_id) for slot in ordered if slot.article_id in unique]


def started_slots(section: Section | None):
    """Return the front's slots that have started, oldest start first, articles' cards joined."""
    front = Q(front__section__isnull=True) if section is None else Q(front__section=section)
    public = Article.objects.published().filter(pk=OuterRef("article_id"))
    return (
        Slot.objects.filter(front)
        .filter(Q(starts_at__isnull=True) | Q(starts_at__lte=timezone.now()))
        .annotate(public=Exists(public))
        .select_related("article__section")
        .only(*SLOT_FIELDS, *(f"article__{name}" for name in CARD_FIELDS))
        .order_by(F("starts_at").asc(nulls_first=True), "pk")
    )


def place_key(slot: Slot) -> tuple[str, int]:
    """Return what a slot replaces: the lead, whatever its position, or a secondary position."""
    return (slot.place, 0 if slot.place == Slot.Place.LEAD else slot.position)
