"""Articles as API readers get them: plain data built straight from prefetched rows.

The serializers in serializers.py declare this representation, and the OpenAPI schema is
generated from them. Building it through them ran a DRF field per value and a serializer per
nested object, which took most of a list request's time; these functions build the same data
directly. tests/api/test_representation.py proves that both give the same JSON.
"""

from collections.abc import Callable, Iterable

from articles.models import Article, ArticleImage
from core.api.fields import DateTimeField
from core.site import absolute_url
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


def section_ref(section) -> dict:
    """Return a section with the path from the top of the paper down to it."""
    path = [{"slug": step.slug, "name": step.name} for step in section.path]
    return {"id": section.pk, "slug": section.slug, "name": section.name, "path": path}


def person_ref(person) -> dict:
    """Return a person as named inside an article."""
    return {
        "id": person.pk,
        "slug": person.slug,
        "full_name": person.full_name,
        "short_name": person.short_name,
        "kind": person.kind,
        "web_url": absolute_url(person.get_absolute_url()),
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


def related_data(article: Article) -> dict:
    """Return an article of related coverage as the detail lists it."""
    return {
        "id": article.pk,
        "headline": article.headline,
        "standfirst": article.standfirst,
        "published_at": date_time(article.published_at),
        "web_url": absolute_url(article.get_absolute_url()),
    }


# Each field of an article, read from the article only when it is asked for: a list defers
# the body, and a sparse fieldset must not load what it leaves out.
FIELDS: dict[str, Callable[[Article], object]] = {
    "id": lambda a: a.pk,
    "web_url": lambda a: absolute_url(a.get_absolute_url()),
    "headline": lambda a: a.headline,
    "slug": lambda a: a.slug,
    "kicker": lambda a: a.kicker,
    "standfirst": lambda a: a.standfirst,
    "dateline": lambda a: a.dateline,
    "body": lambda a: a.body,
    "section": lambda a: section_ref(a.section),
    "bylines": lambda a: [
        {"person": person_ref(b.person), "role": b.role} for b in a.bylines.all()
    ],
    "mentions": lambda a: [
        {"person": person_ref(m.person), "role_phrase": m.role_phrase, "count": m.count}
        for m in a.mentions.all()
    ],
    "tags": lambda a: [
        {"id": t.tag.pk, "slug": t.tag.slug, "name": t.tag.name, "kind": t.tag.kind}
        for t in a.tagged_items.all()
    ],
    "images": lambda a: [image_data(image) for image in a.images.all()],
    "source": lambda a: {
        "origin": a.origin,
        "name": a.source_name,
        "url": a.source_url,
        "copyright": a.copyright_line,
    },
    "language": lambda a: a.language,
    "status": lambda a: a.status,
    "published_at": lambda a: date_time(a.published_at),
    "updated_at": lambda a: date_time(a.updated_at),
    "version": lambda a: a.version,
    "corrections": lambda a: [
        {"text": c.text, "created_at": date_time(c.created_at)} for c in a.corrections.all()
    ],
}


def article_data(article: Article, names: Iterable[str]) -> dict:
    """Return the named fields of an article (any of FIELDS), in the order given."""
    return {name: FIELDS[name](article) for name in names}
