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
)
from articles.services.revisions import recording
from articles.services.writing import ArticleRelations, write_article
from fronts.services import SlotChoice, write_front
from people.models import Affiliation, Person

from .images import illustrate, portrait_for
from .live import load_live

DATA_DIR = Path(__file__).resolve().parent / "data"
COMMENT = "Loaded the demo newsroom"


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
    fronts = load_fronts(read("fronts", data_dir), sections, articles)
    live = load_live(read("live", data_dir), articles, people)
    return {
        "sections": len(sections),
        "tags": len(tags),
        "people": len(people),
        "articles": len(articles),
        "fronts": fronts,
        "live articles": live,
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
    """Create or update people (contributors with a portrait) and replace their affiliations."""
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
        if person.is_contributor and person.picture_id is None:
            person.picture, _ = portrait_for(person)
            person.save(update_fields=["picture"])
        person.affiliations.all().delete()
        Affiliation.objects.bulk_create(
            Affiliation(person=person, position=i, **affiliation)
            for i, affiliation in enumerate(record.get("affiliations", []))
        )
        people[record["slug"]] = person
    return people


def load_articles(records, sections, tags, people) -> dict[str, Article]:
    """Create or update articles, then their relations (which may point at each other).

    The whole load is one revision; each article is written through the write path.
    """
    now = timezone.now()
    existing = {a.slug: a for a in Article.objects.filter(slug__in=[r["slug"] for r in records])}
    with recording(None, COMMENT):
        for record in records:
            if record["slug"] not in existing:
                # A second run keeps the original publish time rather than moving it.
                days = timedelta(days=record.get("published_days_ago", 0))
                fields = {**article_fields(record, sections), "published_at": now - days}
                existing[record["slug"]] = write_article(fields=fields, user=None, comment=COMMENT)
        for record in records:
            write_article(
                article=existing[record["slug"]],
                fields=article_fields(record, sections),
                relations=relations(record, existing[record["slug"]], tags, people, existing),
                user=None,
                comment=COMMENT,
            )
    return {record["slug"]: existing[record["slug"]] for record in records}


def article_fields(record: dict, sections: dict[str, Section]) -> dict:
    """Return the article's own fields from its record."""
    return {
        "slug": record["slug"],
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


def relations(record, article, tags, people, articles) -> ArticleRelations:
    """Return the article's bylines, mentions, tags, images and related coverage."""
    images = [
        ArticleImage(article=article, position=i, **image)
        for i, image in enumerate(record.get("images", []))
    ]
    illustrate(images)
    return ArticleRelations(
        bylines=[
            Byline(person=people[b["person"]], role=b["role"], position=i)
            for i, b in enumerate(record.get("bylines", []))
        ],
        mentions=[
            Mention(
                person=people[m["person"]],
                role_phrase=m.get("role_phrase", ""),
                count=m.get("count", 1),
                position=i,
            )
            for i, m in enumerate(record.get("mentions", []))
        ],
        tags=[tags[slug] for slug in record.get("tags", [])],
        images=images,
        related_articles=[
            RelatedArticle(to_article=articles[slug], position=i)
            for i, slug in enumerate(record.get("related", []))
        ],
        related_headlines=[
            RelatedHeadline(position=i, **headline)
            for i, headline in enumerate(record.get("related_headlines", []))
        ],
    )


def load_fronts(records, sections: dict[str, Section], articles: dict[str, Article]) -> int:
    """Curate the demo fronts (null section: the home page's) through the fronts' service."""
    for record in records:
        section = sections[record["section"]] if record["section"] else None
        slots = [
            SlotChoice(
                article=articles[slot["article"]],
                place=slot["place"],
                position=slot.get("position", 0),
            )
            for slot in record["slots"]
        ]
        write_front(section=section, slots=slots)
    return len(records)
