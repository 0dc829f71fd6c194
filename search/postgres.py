"""PostgreSQL engine: a stored weighted tsvector with a GIN index, ts_rank, ts_headline."""

import html
from collections.abc import Iterable

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connections
from django.db.models import F, Func, QuerySet, Value

from articles.models import Article

from .documents import IndexDocument
from .query import Clause, ParsedQuery
from .recency import recency_factor
from .snippets import ELLIPSIS, START, STOP

TABLE = "search_articleindex"
CONFIG = "english"
UPSERT = f"""
    INSERT INTO {TABLE} (article_id, document) VALUES (
        %s,
        setweight(to_tsvector('{CONFIG}', %s), 'A')
        || setweight(to_tsvector('{CONFIG}', %s), 'B')
        || setweight(to_tsvector('{CONFIG}', %s), 'C')
    )
    ON CONFLICT (article_id) DO UPDATE SET document = EXCLUDED.document
"""


def websearch_text(clause: Clause) -> str:
    """Return one clause in websearch_to_tsquery's syntax (always quoted, minus if excluded)."""
    return ("-" if clause.negated else "") + '"' + " ".join(clause.words) + '"'


def tsquery(parsed: ParsedQuery) -> SearchQuery:
    """Return the tsquery: websearch_to_tsquery for whole words, `word:*` for the prefix."""
    whole = [clause for clause in parsed.clauses if not clause.prefix]
    # The parser keeps only letters and digits in a word, so the raw syntax cannot be broken.
    parts = [
        SearchQuery(f"{clause.words[0]}:*", search_type="raw", config=CONFIG)
        for clause in parsed.clauses
        if clause.prefix
    ]
    if whole:
        text = " ".join(map(websearch_text, whole))
        parts.insert(0, SearchQuery(text, search_type="websearch", config=CONFIG))
    query = parts[0]
    for part in parts[1:]:
        query &= part
    return query


def newest_matches(queryset: QuerySet, parsed: ParsedQuery) -> QuerySet:
    """Return the matches annotated with `relevance` (higher is better), newest added first."""
    query = tsquery(parsed)
    rank = SearchRank(F("search_index__document"), query)
    matches = queryset.filter(search_index__document=query)
    return matches.annotate(relevance=rank * recency_factor()).order_by("-pk")


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
    rows = [(d.article_id, d.headline, d.secondary, d.body) for d in documents]
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
