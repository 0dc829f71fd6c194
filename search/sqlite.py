"""SQLite engine: an FTS5 table, bm25 with column weights, snippet()."""

from collections.abc import Iterable

from django.db import connections
from django.db.models import F, QuerySet

from .documents import IndexDocument
from .query import Clause, ParsedQuery
from .recency import recency_factor
from .snippets import ELLIPSIS, START, STOP

TABLE = "search_articlefts"
SNIPPET_TOKENS = 32
BODY_COLUMN = 2


def render_clause(clause: Clause) -> str:
    """Return one clause as an FTS5 string, quoted so no user text is read as syntax."""
    phrase = '"' + " ".join(word.replace('"', '""') for word in clause.words) + '"'
    return phrase + ("*" if clause.prefix else "")


def fts_query(parsed: ParsedQuery) -> str:
    """Return the FTS5 MATCH expression: every wanted clause, NOT each excluded one."""
    wanted = " ".join(render_clause(clause) for clause in parsed.required)
    unwanted = "".join(f" NOT {render_clause(clause)}" for clause in parsed.excluded)
    return f"({wanted}){unwanted}"


def newest_matches(queryset: QuerySet, parsed: ParsedQuery) -> QuerySet:
    """Return the matches annotated with `relevance` (higher is better), newest added first."""
    # Walking the index newest first lets FTS5 score only the rows the caller takes;
    # ordering by rank instead would make it score every match. bm25() is negative, more
    # negative for better matches; the column weights live in the table.
    matches = queryset.filter(search_fts__document__match=fts_query(parsed))
    scored = matches.annotate(relevance=-F("search_fts__rank") * recency_factor())
    return scored.order_by(F("search_fts__pk").desc())


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
