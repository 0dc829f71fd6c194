"""PostgreSQL engine: a stored weighted tsvector with a GIN index, ts_rank, ts_headline."""

import html
from collections.abc import Iterable

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connections
from django.db.models import F, Func, QuerySet, Value

from articles.models import Article

from .documents import IndexDocument
from .query import Clause, ParsedQuery
from .recency import AgeInDays
from .snippets import ELLIPSIS, START, STOP
from .tiers import ANYWHERE, HEADLINE, TITLE, Tier

TABLE = "search_articleindex"
CONFIG = "english"
# `title` (headline and secondary) is the document without its body: a smaller vector with a
# GIN index of its own, so the first tiers never read bodies.
UPSERT = f"""
    INSERT INTO {TABLE} (article_id, title, document)
    SELECT id, title, title || setweight(to_tsvector('{CONFIG}', body), 'C')
    FROM (
        SELECT %s AS id, %s AS body,
            setweight(to_tsvector('{CONFIG}', %s), 'A')
            || setweight(to_tsvector('{CONFIG}', %s), 'B') AS title
    ) AS written
    ON CONFLICT (article_id) DO UPDATE SET title = EXCLUDED.title, document = EXCLUDED.document
"""
# The weight letters each tier's words must carry (see UPSERT): none means any.
WEIGHTS = {HEADLINE: "A", TITLE: "", ANYWHERE: ""}
VECTORS = {HEADLINE: "title", TITLE: "title", ANYWHERE: "document"}


def raw_clause(clause: Clause, weight: str) -> str:
    """Return one clause in to_tsquery's syntax; the parser left only letters and digits."""
    label = ("*" if clause.prefix else "") + weight
    term = " <-> ".join(word + (f":{label}" if label else "") for word in clause.words)
    return f"!({term})" if clause.negated else f"({term})"


def tsquery(parsed: ParsedQuery, weight: str = "", *, wanted_only: bool = False) -> SearchQuery:
    """Return the tsquery of every clause, the wanted ones' words carrying `weight`."""
    clauses = parsed.required if wanted_only else parsed.clauses
    joiner = " | " if parsed.any_word else " & "
    wanted = joiner.join(raw_clause(c, weight) for c in clauses if not c.negated)
    unwanted = "".join(f" & {raw_clause(c, '')}" for c in clauses if c.negated)
    return SearchQuery(f"({wanted}){unwanted}", search_type="raw", config=CONFIG)


def tier_matches(queryset: QuerySet, parsed: ParsedQuery, tier: Tier, limit: int) -> list:
    """Return (id, text score, age in days) of the tier's `limit` newest added matches.

    The planner picks per query: for a common word it walks the primary key backwards and
    tests each vector until it has `limit`; for a rarer one it reads the GIN index's
    matches and keeps the newest. ts_rank reads the whole document, for the rows returned.
    See docs/architecture.md for the plans.
    """
    vector = f"search_index__{VECTORS[tier]}"
    matches = queryset.filter(**{vector: tsquery(parsed, WEIGHTS[tier])})
    if parsed.excluded and tier is not ANYWHERE:
        # The title may not hold the excluded word while the body does.
        matches = matches.filter(search_index__document=tsquery(parsed))
    scored = matches.annotate(
        score=SearchRank(F("search_index__document"), tsquery(parsed, wanted_only=True)),
        age=AgeInDays("published_at"),
    )
    return list(scored.order_by("-pk").values_list("pk", "score", "age")[:limit])


def closest_word(word: str, using: str) -> str | None:
    """Return the indexed word most like `word` by trigrams (pg_trgm's GIN index finds it)."""
    sql = (
        "SELECT word FROM search_word WHERE word %% %s AND documents > 0 "
        "ORDER BY similarity(word, %s) DESC, documents DESC LIMIT 1"
    )
    with connections[using].cursor() as cursor:
        cursor.execute(sql, [word, word])
        row = cursor.fetchone()
    return row[0] if row else None


def snippets(article_ids: Iterable[int], parsed: ParsedQuery, using: str) -> dict[int, str]:
    """Return a marked excerpt of the body of each given article."""
    body_text = Func(F("body"), Value("<[^>]*>"), Value(" "), Value("g"), function="regexp_replace")
    headline = SearchHeadline(
        body_text,
        tsquery(parsed),
        config=CONFIG,
        start_sel=START,
        stop_sel=STOP,
        max_fragments=2,
        max_words=20,
        min_words=8,
        fragment_delimiter=f" {ELLIPSIS} ",
    )
    rows = Article.objects.using(using).filter(pk__in=list(article_ids)).order_by()
    marked = rows.annotate(snippet=headline).values_list("pk", "snippet")
    # The body's entities are still encoded (&amp;); decode them so they are escaped once.
    return {pk: html.unescape(snippet) for pk, snippet in marked}


def write(documents: list[IndexDocument], using: str) -> None:
    """Insert or replace the vectors of the given documents."""
    rows = [(d.article_id, d.body, d.headline, d.secondary) for d in documents]
    if rows:
        with connections[using].cursor() as cursor:
            cursor.executemany(UPSERT, rows)


def delete(article_ids: list[int], using: str) -> None:
    """Remove the vectors of the given articles."""
    if article_ids:
        with connections[using].cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE article_id = ANY(%s)", [article_ids])


def clear(using: str) -> None:
    """Remove every vector."""
    with connections[using].cursor() as cursor:
        # Not TRUNCATE: it refuses to run while the transaction has pending FK checks.
        cursor.execute(f"DELETE FROM {TABLE}")


def optimize(using: str) -> None:
    """Refresh the planner's statistics after a rebuild."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"ANALYZE {TABLE}")
        # Stale article statistics after a bulk load make the planner probe the index once
        # per published article instead of starting from the GIN matches.
        cursor.execute("ANALYZE articles_article")


def size_bytes(using: str) -> int:
    """Return the bytes the table, its TOAST data and its GIN index occupy."""
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT pg_total_relation_size(%s)", [TABLE])
        return cursor.fetchone()[0]
