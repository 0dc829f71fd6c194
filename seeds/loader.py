"""Load the demo newsroom from the JSON files in seeds/data/; safe to run again."""

import json
from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from articles.models import (
    Article,
    ArticleImage,
    Byline,
    Mention,
    RelatedArticle,
    RelatedHeadline,
    Section,
    Tag,
    TaggedArticle,
)
from people.models import Affiliation, Person

from .images import attach_demo_images

DATA_DIR = Path(__file__).resolve().parent / "data"


def read(name: str, data_dir: Path = DATA_DIR) -> list[dict]:
    """Return the records of one data file."""
    return json.loads((data_dir / f"{name}.json").read_text(encoding="utf-8"))


@transaction.atomic
def load_newsroom(data_dir: Path = DATA_DIR) -> dict[str, int]:
    """Create or update every demo record and return how many of each there are."""
    sections = load_sections(read("sections", data_dir))
    tags = load_tags(read("tags", data_dir))
    people = load_people(read("people", data_dir))
    articles = load_articles(read("articles", data_dir), sections, tags, people)
    attach_demo_images(articles)
    return {
        "sections": len(sections),
        "tags": len(tags),
        "people": len(people),
        "articles": len(articles),
    }


def load_sections(records: list[dict]) -> dict[str, Section]:
    """Create sections, parents before children."""
    sections: dict[str, Section] = {}
    pending = list(records)
    while pending:
        ready = [r for r in pending if r.get("parent") is None or r["parent"] in sections]
        if not ready:
            raise ValueError(f"Unknown parent section in {[r['slug'] for r in pending]}")
        for record in ready:
            sections[record["slug"]], _ = Section.objects.update_or_create(
                slug=record["slug"],
                defaults={
                    "name": record["name"],
                    "parent": sections.get(record.get("parent")),
                    "description": record.get("description", ""),
                    "position": record.get("position", 0),
                },
            )
            pending.remove(record)
    return sections


def load_tags(records: list[dict]) -> dict[str, Tag]:
    """Create or update the tag vocabulary."""
    return {
        record["slug"]: Tag.objects.update_or_create(
            slug=record["slug"],
            defaults={
                "name": record["name"],
                "kind": record["kind"],
                "description": record.get("description", ""),
                "aliases": "\n".join(record.get("aliases", [])),
            },
        )[0]
        for record in records
    }


def load_people(records: list[dict]) -> dict[str, Person]:
    """Create or update people and replace their affiliations."""
    people = {}
    for record in records:
        person, _ = Person.objects.update_or_create(
            slug=record["slug"],
            defaults={
                "full_name": record["full_name"],
                "short_name": record.get("short_name", ""),
                "aliases": "\n".join(record.get("aliases", [])),
                "description": record.get("description", ""),
                "biography": record.get("biography", ""),
                "kind": record.get("kind", Person.Kind.NEWSMAKER),
            },
        )
        person.affiliations.all().delete()
        Affiliation.objects.bulk_create(
            Affiliation(person=person, position=i, **affiliation)
            for i, affiliation in enumerate(record.get("affiliations", []))
        )
        people[record["slug"]] = person
    return people


def load_articles(records, sections, tags, people) -> dict[str, Article]:
    """Create or update articles, then their relations (which may point at each other)."""
    now = timezone.now()
    articles = {}
    for record in records:
        articles[record["slug"]], _ = Article.objects.update_or_create(
            slug=record["slug"],
            defaults=article_fields(record, sections),
            # A second run keeps the original publish time rather than moving it.
            create_defaults={
                **article_fields(record, sections),
                "published_at": now - timedelta(days=record.get("published_days_ago", 0)),
            },
        )
    for record in records:
        replace_relations(articles[record["slug"]], record, tags, people, articles)
    return articles


def article_fields(record: dict, sections: dict[str, Section]) -> dict:
    """Return the article's own fields from its record."""
    return {
        "headline": record["headline"],
        "kicker": record.get("kicker", ""),
        "standfirst": record.get("standfirst", ""),
        "body": record["body"],
        "section": sections[record["section"]],
        "status": Article.Status.PUBLISHED,
        "origin": record.get("origin", Article.Origin.ORIGINAL),
        "seo_description": record.get("seo_description", ""),
        "source_name": record.get("source_name", ""),
        "copyright_line": record.get("copyright_line", ""),
    }


def replace_relations(article, record, tags, people, articles) -> None:
    """Replace the article's bylines, mentions, tags, images and related coverage."""
    relations = ("bylines", "mentions", "tagged_items", "images", "related_links",
                 "related_headlines")  # fmt: skip
    for name in relations:
        getattr(article, name).all().delete()
    Byline.objects.bulk_create(
        Byline(article=article, person=people[b["person"]], role=b["role"], position=i)
        for i, b in enumerate(record.get("bylines", []))
    )
    Mention.objects.bulk_create(
        Mention(
            article=article,
            person=people[m["person"]],
            role_phrase=m.get("role_phrase", ""),
            count=m.get("count", 1),
            position=i,
        )
        for i, m in enumerate(record.get("mentions", []))
    )
    TaggedArticle.objects.bulk_create(
        TaggedArticle(content_object=article, tag=tags[slug]) for slug in record.get("tags", [])
    )
    ArticleImage.objects.bulk_create(
        ArticleImage(article=article, position=i, **image)
        for i, image in enumerate(record.get("images", []))
    )
    RelatedArticle.objects.bulk_create(
        RelatedArticle(from_article=article, to_article=articles[slug], position=i)
        for i, slug in enumerate(record.get("related", []))
    )
    RelatedHeadline.objects.bulk_create(
        RelatedHeadline(article=article, position=i, **headline)
        for i, headline in enumerate(record.get("related_headlines", []))
    )
