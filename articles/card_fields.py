"""What an article card shows, read off the card template by rendering it once.

A list of cards (the home, a section, a topic) goes stale only when one of its cards'
fields changes, or when an article joins, leaves or moves in it (articles/pagecache.py).
Which fields a card shows is not typed here: the card template is rendered, featured and
with its standfirst, round a stand-in that notes every attribute read of the article,
including those its methods (`get_absolute_url`) and template tags (`card_picture`) read.
"""

import inspect
import types
from datetime import UTC, datetime
from functools import cache

from django.template.loader import get_template

from people.models import Person

from .models import Article, Byline, Section

CARD_TEMPLATE = "includes/article_card.html"


class _NotingReads:
    """Stands for an article while a card renders, noting each attribute read of it.

    Methods and properties run with the stand-in as `self`, so what they read is noted too.
    """

    def __init__(self, article: Article, read: set[str]):
        object.__setattr__(self, "_article", article)
        object.__setattr__(self, "_read", read)

    def __getattr__(self, name: str):
        self._read.add(name)
        attribute = inspect.getattr_static(type(self._article), name, None)
        if inspect.isfunction(attribute):
            return types.MethodType(attribute, self)
        if isinstance(attribute, property):
            return attribute.fget(self)
        return getattr(self._article, name)


def _sample_article() -> Article:
    """Return an unsaved article holding a value in every field a card could show."""
    section = Section(pk=1, name="Section", slug="section")
    article = Article(
        pk=1, headline="Headline", slug="headline", kicker="Kicker", standfirst="Standfirst",
        section=section, published_at=datetime(2026, 1, 1, tzinfo=UTC),
    )  # fmt: skip
    byline = Byline(pk=1, article=article, role=Byline.Role.AUTHOR, position=0)
    byline.person = Person(pk=1, full_name="A Writer", slug="a-writer")
    # Relations read from memory, as the lists' prefetches leave them: no query is made.
    article._prefetched_objects_cache = {"bylines": [byline], "images": []}
    return article


@cache  # the template is the deployed code's: the same in every process
def card_fields() -> frozenset[str]:
    """Return the names of the article's fields and relations a card shows."""
    read: set[str] = set()
    context = {
        "article": _NotingReads(_sample_article(), read),
        "heading": "h2", "show_standfirst": True, "featured": True,
        "sizes": "100vw", "loading": "lazy",
    }  # fmt: skip
    get_template(CARD_TEMPLATE).render(context)
    return frozenset(_field_names(read))


def _field_names(read: set[str]) -> set[str]:
    """Return the model fields and relations among attribute names (`section_id`: `section`)."""
    names = set()
    for field in Article._meta.get_fields():
        attname = getattr(field, "attname", None)
        accessor = field.get_accessor_name() if field.auto_created and not field.concrete else None
        if {field.name, attname, accessor} & read:
            names.add(accessor or field.name)
    return names - {Article._meta.pk.name}
