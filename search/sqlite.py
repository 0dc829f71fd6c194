"""SQLite engine: an FTS5 table, bm25 with column weights, snippet()."""

from collections.abc import Iterable

from django.db import connections
from django.db.models import F, QuerySet
from django.db.models.functions import Length
from rapidfuzz import fuzz, process

from .documents import IndexDocument
from .models import Word
from .query import Clause, ParsedQuery
from .recency import AgeInDays
from .snippets import ELLIPSIS, START, STOP
from .tiers import ANYWHERE, Tier

TABLE = "search_articlefts"
SNIPPET_TOKENS = 32
BODY_COLUMN = 2


def render_clause(clause: Clause) -> str:
    """Return one clause as an FTS5 string, quoted so no user text is read as syntax."""
    phrase = '"' + " ".join(word.replace('"', '""') for word in clause.words) + '"'
    return phrase + ("*" if clause.prefix else "")


def fts_query(parsed: ParsedQuery, tier: Tier | None = None) -> str:
    """Return the FTS5 MATCH expression: the wanted clauses, NOT each excluded one.

    For a tier, the wanted clauses must match in the tier's columns AND anywhere: the
    second copy adds the body's hits to bm25, so a story that keeps naming a person ranks
    above one that names them once.
    """
    joiner = " OR " if parsed.any_word else " "
    wanted = "(" + joiner.join(render_clause(clause) for clause in parsed.required) + ")"
    if tier is not None and tier is not ANYWHERE:
        wanted = "({" + " ".join(tier.fields) + "} : " + wanted + ") AND " + wanted
    unwanted = "".join(f" NOT {render_clause(clause)}" for clause in parsed.excluded)
    return f"({wanted}){unwanted}"


def tier_matches(queryset: QuerySet, parsed: ParsedQuery, tier: Tier, limit: int) -> list:
    """Return (id, text score, age in days) of the tier's `limit` newest added matches.

    FTS5 walks the doclists newest first (by rowid, the article's id) and stops after
    `limit` rows, scoring only those; ordering by rank instead would score every match.
    bm25() is negative, more negative for better matches; the column weights live in the
    table.
    """
    matches = queryset.filter(search_fts__document__match=fts_query(parsed, tier))
    scored = matches.annotate(score=-F("search_fts__rank"), age=AgeInDays("published_at"))
    ordered = scored.order_by(F("search_fts__article_id").desc())
    return list(ordered.values_list("pk", "score", "age")[:limit])


# How alike (0–100, rapidfuzz's ratio) a known word must be to be suggested.
SIMILAR_ENOUGH = 75


def closest_word(word: str, using: str) -> str | None:
    """Return the indexed word most like `word`, among those of its initial and length.

    The unique index on words answers the initial; a typo in the first letter is missed,
    the price of not reading the whole vocabulary for each search.
    """
    initial = {"word__gte": word[0], "word__lt": chr(ord(word[0]) + 1)}  # a range: indexed
    near = Word.objects.using(using).filter(**initial, documents__gt=0)
    near = near.alias(length=Length("word")).filter(length__range=(len(word) - 2, len(word) + 2))
    counts = dict(near.values_list("word", "documents"))
    found = process.extract(word, list(counts), scorer=fuzz.ratio, score_cutoff=SIMILAR_ENOUGH)
    # Equally alike: the commoner word.
    best = max(found, key=lambda hit: (hit[1], counts[hit[0]]), default=None)
    return best[0] if best else None


def snippets(article_ids: Iterable[int], parsed: ParsedQuery, using: str) -> dict[int, str]:
    """Return a marked excerpt of the body of each given article."""
    ids = list(article_ids)
    if not ids:
        return {}
    placeholders = ", ".join(["%s"] * len(ids))
    sql = (
        f"SELECT rowid, snippet({TABLE}, {BODY_COLUMN}, %s, %s, %s, {SNIPPET_TOKENS}) "
        f"FROM {TABLE} WHERE {TABLE} MATCH %s AND rowid IN ({placeholders})"
    )
    with connections[using].cursor() as cursor:
        cursor.execute(sql, [START, STOP, ELLIPSIS, fts_query(parsed), *ids])
        return dict(cursor.fetchall())


def write(documents: list[IndexDocument], using: str) -> None:
    """Insert or replace the rows of the given documents."""
    if not documents:
        return
    delete([document.article_id for document in documents], using)
    rows = [(d.article_id, d.headline, d.secondary, d.body) for d in documents]
    with connections[using].cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {TABLE} (rowid, headline, secondary, body) VALUES (%s, %s, %s, %s)", rows
        )


def delete(article_ids: list[int], using: str) -> None:
    """Remove the rows of the given articles."""
    if not article_ids:
        return
    placeholders = ", ".join(["%s"] * len(article_ids))
    with connections[using].cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE rowid IN ({placeholders})", article_ids)


def clear(using: str) -> None:
    """Remove every row."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")


def optimize(using: str) -> None:
    """Merge the index's segments, and give the planner statistics on articles."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"INSERT INTO {TABLE} ({TABLE}) VALUES ('optimize')")
        # Without statistics SQLite may walk the status index and probe FTS5 for every
        # published article (minutes at 100,000) instead of starting from the matches.
        cursor.execute("ANALYZE articles_article")


def size_bytes(using: str) -> int:
    """Return the bytes the FTS5 table and its shadow tables occupy."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name = %s OR name GLOB %s",
            [TABLE, f"{TABLE}_*"],
        )
        return cursor.fetchone()[0]
