"""Articles as API readers get them: plain data built straight from prefetched rows.

The serializers in serializers.py declare this representation, and the OpenAPI schema is
generated from them. Building it through them ran a DRF field per value and a serializer per
nested object, which took most of a list request's time; these functions build the same data
directly. tests/api/test_representation.py proves that both give the same JSON.
"""

from collections.abc import Callable, Iterable
from urllib.parse import quote

from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS

from articles.models import Article, ArticleImage
from core.api.fields import DateTimeField
from core.site import absolute_url, site_root
from images.listing import rendition_dicts

# DRF's own formatting of a date-time (RFC 3339 in the newsroom's zone), minus the serializer.
_date_time = DateTimeField()


def date_time(value) -> str | None:
    """Return a date-time as the API writes it, or None."""
    return _date_time.to_representation(value) if value is not None else None


def image_url(image: ArticleImage) -> str | None:
    """Return the public address of the figure's file, its own or the library's."""
    file = image.file or (image.image.file if image.image_id else None)
    return absolute_url(file.url) if file else None


def path_start(name: str, **sample) -> str:
    """Return the part of the path named `name` before its values, which end it."""
    path = reverse(name, kwargs=sample)
    values = "".join(f"{value}/" for value in sample.values())
    if not path.endswith(values):
        raise ImproperlyConfigured(f"The path of {name} does not end with its values: {path}")
    return path.removesuffix(values)


def segment(value) -> str:
    """Return a value quoted as reverse() quotes it in a path (RFC 3986 `pchar`)."""
    return quote(str(value), safe=RFC3986_SUBDELIMS + "~:@")


class Addresses:
    """The public addresses of articles and people in one response, as reverse() gives them.

    A page of 20 articles names some 90 articles and people; reverse() for each cost some
    3 ms. Each pattern is reversed once here, and an address is its fixed start followed by
    the record's values, quoted.
    """

    def __init__(self):
        root = site_root()
        self.article_start = root + path_start("articles:detail", section="s", pk=1, slug="s")
        self.person_start = root + path_start("people:detail", slug="s")

    def article(self, article: Article) -> str:
        values = f"{segment(article.section.slug)}/{article.pk}/{segment(article.slug)}/"
        return self.article_start + values

    def person(self, person) -> str:
        return f"{self.person_start}{segment(person.slug)}/"


def section_ref(section) -> dict:
    """Return a section with the path from the top of the paper down to it."""
    path = [{"slug": step.slug, "name": step.name} for step in section.path]
    return {"id": section.pk, "slug": section.slug, "name": section.name, "path": path}


def person_ref(person, to: Addresses) -> dict:
    """Return a person as named inside an article."""
    return {
        "id": person.pk,
        "slug": person.slug,
        "full_name": person.full_name,
        "short_name": person.short_name,
        "kind": person.kind,
        "web_url": to.person(person),
    }


def image_data(image: ArticleImage) -> dict:
    """Return a figure with the library's caption, credit and alt text where it has none."""
    return {
        "url": image_url(image),
        "caption": image.shown_caption,
        "credit": image.shown_credit,
        "alt_text": image.shown_alt_text,
        "is_lead": image.is_lead,
        "renditions": rendition_dicts(image),
    }


def related_data(article: Article, to: Addresses) -> dict:
    """Return an article of related coverage as the detail lists it."""
    return {
        "id": article.pk,
        "headline": article.headline,
        "standfirst": article.standfirst,
        "published_at": date_time(article.published_at),
        "web_url": to.article(article),
    }


def rows(article: Article, relation: str) -> list:
    """Return the article's prefetched rows of `relation`.

    A page of articles has them in plain lists, `shown_<relation>` (see loading.py); a single
    article keeps them in the relation's manager, where its related coverage reads them too.
    """
    shown = getattr(article, f"shown_{relation}", None)
    return shown if shown is not None else getattr(article, relation).all()


# Each field of an article, read from the article only when it is asked for: a list defers
# the body, and a sparse fieldset must not load what it leaves out.
FIELDS: dict[str, Callable[[Article, Addresses], object]] = {
    "id": lambda a, to: a.pk,
    "web_url": lambda a, to: to.article(a),
    "headline": lambda a, to: a.headline,
    "slug": lambda a, to: a.slug,
    "kicker": lambda a, to: a.kicker,
    "standfirst": lambda a, to: a.standfirst,
    "dateline": lambda a, to: a.dateline,
    "body": lambda a, to: a.body,
    "section": lambda a, to: section_ref(a.section),
    "bylines": lambda a, to: [
        {"person": person_ref(b.person, to), "role": b.role} for b in rows(a, "bylines")
    ],
    "mentions": lambda a, to: [
        {"person": person_ref(m.person, to), "role_phrase": m.role_phrase, "count": m.count}
        for m in rows(a, "mentions")
    ],
    "tags": lambda a, to: [
        {"id": t.tag.pk, "slug": t.tag.slug, "name": t.tag.name, "kind": t.tag.kind}
        for t in rows(a, "tagged_items")
    ],
    "images": lambda a, to: [image_data(image) for image in rows(a, "images")],
    "source": lambda a, to: {
        "origin": a.origin,
        "name": a.source_name,
        "url": a.source_url,
        "copyright": a.copyright_line,
    },
    "language": lambda a, to: a.language,
    "status": lambda a, to: a.status,
    "published_at": lambda a, to: date_time(a.published_at),
    "updated_at": lambda a, to: date_time(a.updated_at),
    "version": lambda a, to: a.version,
    "corrections": lambda a, to: [
        {"text": c.text, "created_at": date_time(c.created_at)} for c in a.corrections.all()
    ],
}


def article_data(article: Article, names: Iterable[str], addresses: Addresses) -> dict:
    """Return the named fields of an article (any of FIELDS), in the order given."""
    return {name: FIELDS[name](article, addresses) for name in names}
