"""An article as an IPTC ninjs 2.x news item (https://iptc.org/standards/ninjs/)."""

import json

from django.urls import reverse
from django.utils.html import strip_tags

from articles.api.representation import image_url
from articles.credits import credits_of
from articles.importers.ninjs import MENTIONS_ROLE
from articles.models import Article, Tag
from core.site import absolute_url
from images.listing import ninjs_renditions

NINJS_VERSION = "2.4"
NINJS_SCHEMA = f"http://www.iptc.org/std/ninjs/ninjs-schema_{NINJS_VERSION}.json"

# Which ninjs array each kind of tag belongs in.
TAG_ARRAYS = {
    Tag.Kind.TOPIC: "subjects",
    Tag.Kind.SERIES: "subjects",
    Tag.Kind.PLACE: "places",
    Tag.Kind.ORGANISATION: "organisations",
}


def article_uri(article: Article) -> str:
    """Return the stable identifier of the article: its API address."""
    return absolute_url(reverse("api:article-detail", kwargs={"pk": article.pk}))


def timestamp(moment) -> str | None:
    """Return an RFC 3339 date-time, or None."""
    return moment.isoformat() if moment else None


def version_created(article: Article):
    """Return when the version readers see came out: its last change, or a later publication.

    A scheduled article goes out at its publish time without being saved again, so its last
    change predates the version the public first sees.
    """
    if article.is_public and article.published_at and article.published_at > article.updated_at:
        return article.published_at
    return article.updated_at


def article_to_ninjs(article: Article) -> dict:
    """Return the article as a ninjs 2.4 dictionary (tests/api/ninjs_checker.py checks it)."""
    item = {
        "uri": article_uri(article),
        "standard": {"name": "ninjs", "version": NINJS_VERSION, "schema": NINJS_SCHEMA},
        "type": "text",
        "representationtype": "full",
        "profile": "masthead-article",
        "version": str(article.version),
        "firstcreated": timestamp(article.created_at),
        "versioncreated": timestamp(version_created(article)),
        "contentcreated": timestamp(article.published_at),
        "embargoed": timestamp(article.embargo_until),
        "pubstatus": "usable" if article.is_public else "withheld",
        "language": article.language,
        "slugline": article.slug,
        "located": article.dateline,
        "headlines": headlines(article),
        "descriptions": described(summary=article.standfirst) + mention_details(article),
        "bodies": [body(article)],
        "by": credits_of(article).byline(),
        "people": people(article),
        "associations": [
            picture(article, n, image) for n, image in enumerate(article.images.all())
        ],
        "renditions": [web_rendition(article)],
        "altids": [{"role": "masthead-id", "value": str(article.pk)}],
        "copyrightnotice": article.copyright_line,
        "infosources": infosources(article),
    }
    item.update(tag_arrays(article))
    return {key: value for key, value in item.items() if value not in (None, "", [])}


def web_rendition(article: Article) -> dict:
    """Return the article's public web page as a rendition."""
    return {
        "name": "web",
        "href": absolute_url(article.get_absolute_url()),
        "contenttype": "text/html",
    }


def described(**texts: str) -> list[dict]:
    """Return ninjs descriptions for the texts that are not empty, keyed by role."""
    return [{"role": role, "value": text} for role, text in texts.items() if text]


def mention_details(article: Article) -> list[dict]:
    """Return how the story names each person it mentions, as one machine-readable description.

    ninjs 2.4 people carry only a name, rel, uri and literal, and the schema allows no extra
    properties; the role phrase ("veteran lawmaker") and the number of times the story names
    the person travel here instead, keyed by the person's literal, so an import restores them.
    """
    details = [
        {"literal": m.person.slug, "name": m.person.full_name, "role": m.role_phrase,
         "count": m.count}
        for m in article.mentions.all()
    ]  # fmt: skip
    if not details:
        return []
    value = json.dumps(details, ensure_ascii=False)
    return [{"role": MENTIONS_ROLE, "contenttype": "application/json", "value": value}]


def infosources(article: Article) -> list[dict]:
    """Return the original publisher of syndicated copy."""
    if not article.source_name:
        return []
    source = {"name": article.source_name, "role": "originator", "uri": article.source_url}
    return [{key: value for key, value in source.items() if value}]


def headlines(article: Article) -> list[dict]:
    """Return the main headline and the kicker, if any."""
    result = [{"role": "main", "value": article.headline}]
    if article.kicker:
        result.append({"role": "kicker", "value": article.kicker})
    return result


def body(article: Article) -> dict:
    """Return the sanitised HTML body with its counts."""
    text = strip_tags(article.body)
    return {
        "role": "main",
        "contenttype": "text/html",
        "value": article.body,
        "charcount": len(text),
        "wordcount": len(text.split()),
    }


def people(article: Article) -> list[dict]:
    """Return the bylined people, then the people the story mentions."""
    bylined = [
        {"name": b.person.full_name, "rel": b.role, "literal": b.person.slug,
         "uri": absolute_url(b.person.get_absolute_url())}
        for b in article.bylines.all()
    ]  # fmt: skip
    mentioned = [
        {"name": m.person.full_name, "rel": "mentioned", "literal": m.person.slug,
         "uri": absolute_url(m.person.get_absolute_url())}
        for m in article.mentions.all()
    ]  # fmt: skip
    return bylined + mentioned


def tag_arrays(article: Article) -> dict[str, list[dict]]:
    """Return the tags sorted into subjects, places and organisations."""
    arrays: dict[str, list[dict]] = {}
    for item in article.tagged_items.all():
        tag = item.tag
        entry = {"name": tag.name, "literal": tag.slug, "uri": absolute_url(tag.get_absolute_url())}
        if tag.kind == Tag.Kind.SERIES:
            entry["rel"] = "series"
        arrays.setdefault(TAG_ARRAYS[tag.kind], []).append(entry)
    return arrays


def picture(article: Article, number: int, image) -> dict:
    """Return an image of the article as an associated picture item."""
    association = {
        "name": "lead-image" if image.is_lead else f"image-{number + 1}",
        "uri": f"{article_uri(article)}#image-{image.pk}",
        "type": "picture",
        "descriptions": described(
            caption=image.shown_caption, **{"alternative-text": image.shown_alt_text}
        ),
        "copyrightholder": image.shown_credit,
        "renditions": [{"name": "original", "href": url} for url in [image_url(image)] if url]
        + ninjs_renditions(image),
    }
    return {key: value for key, value in association.items() if value not in ("", [])}
