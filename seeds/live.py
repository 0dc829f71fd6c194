"""The demo newsroom's live article: its coverage and timed entries, posted through the service."""

from datetime import timedelta

from django.utils import timezone

from articles.models import Article
from live.models import Entry, LiveCoverage
from live.services import clean_body, post_entry, start_coverage
from people.models import Person


def load_live(records: list[dict], articles: dict[str, Article], people: dict[str, Person]) -> int:
    """Make each record's article live and post its entries not yet posted; return the count.

    An entry is known again by its (sanitised) text, so a second run posts nothing and moves
    no time.
    """
    now = timezone.now()
    for record in records:
        article = articles[record["article"]]
        if not LiveCoverage.objects.filter(pk=article.pk).exists():
            start_coverage(article=article, user=None)
            first = max(entry["minutes_ago"] for entry in record["entries"])
            LiveCoverage.objects.filter(pk=article.pk).update(
                started_at=now - timedelta(minutes=first + 10)
            )
        posted = set(Entry.objects.filter(article=article).values_list("body", flat=True))
        for entry in record["entries"]:
            if clean_body(entry["body"]) in posted:
                continue
            post_entry(
                article=article,
                user=None,
                title=entry.get("title", ""),
                body=entry["body"],
                authors=[people[slug] for slug in entry.get("authors", [])],
                key_event=entry.get("key_event", False),
                pinned=entry.get("pinned", False),
                published_at=now - timedelta(minutes=entry["minutes_ago"]),
            )
    return len(records)
