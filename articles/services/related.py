"""Related coverage: the editor's picks, then what shares the most with an article.

The ranking is one aggregate query whatever the size of the archive. Candidates come only
from indexed look-ups (the editor's picks; the mention and tagging rows of the article's own
people and tags, found through their person and tag indexes; the newest articles of its
section through the section index). Their rows are summed with GROUP BY first, and only
then joined to the published articles by primary key, so the database never scans the
archive nor runs a subquery per candidate; only the winners' ids leave it.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet

from articles.models import Article, Mention, RelatedArticle, TaggedArticle

# How much each kind of overlap weighs: a shared person says more than a shared tag,
# which says more than merely sharing a section.
PERSON_WEIGHT = 3
TAG_WEIGHT = 2
SECTION_WEIGHT = 1
# How many of the section's newest articles are candidates for sharing the section alone.
SECTION_POOL = 200
# The newest rows taken for each shared person or tag: a tag on half the archive says
# little, and must not make the ranking sum every article it is on.
PER_SOURCE = 200
# Above any position an editor can give a pick (a PositiveSmallIntegerField).
PICK_BASE = 32768


@dataclass(frozen=True)
class Ties:
    """The people an article mentions and its topics' ids: what the ranking looks up."""

    people: tuple[int, ...]
    topics: tuple[int, ...]

    @classmethod
    def of(cls, article: Article) -> "Ties":
        """Read them from the article's (prefetched, else fetched) mentions and topics."""
        return cls(
            tuple(sorted({mention.person_id for mention in article.mentions.all()})),
            tuple(sorted({item.tag_id for item in article.tagged_items.all()})),
        )


def related_articles(article: Article, *, limit: int = 6) -> list[Article]:
    """Return the editor's published picks in order, then the best-ranked published articles."""
    return _in_order(ranked_ids(article, limit=limit), Article.objects.for_listing())


def related_cards(article: Article, *, limit: int = 6) -> list[Article]:
    """Return the same articles as related_articles, with only the columns a card shows."""
    return _in_order(ranked_ids(article, limit=limit), Article.objects.card_rows())


def _in_order(ids: list[int], articles: QuerySet) -> list[Article]:
    """Return the published articles of `articles` with these ids, in the order of the ids."""
    found = {a.pk: a for a in articles.published().filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]


def next_in_section(article: Article, *, limit: int = 5) -> list[Article]:
    """Return the newest other published articles in the article's own section."""
    return list(next_in_section_queryset(article).for_listing()[:limit])


def next_in_section_queryset(article: Article) -> QuerySet:
    """Return the other published articles of the article's section, newest first."""
    return (
        Article.objects.published()
        .filter(section_id=article.section_id)
        .exclude(pk=article.pk)
        .newest_first()
    )


def ranked_ids(article: Article, *, limit: int = 6) -> list[int]:
    """Return the ids of the article's related coverage, best first, picks before the rest."""
    return coverage_ids(article, related=limit, following=0)[0]


def coverage_ids(
    article: Article, *, related: int, following: int, ties: Ties | None = None
) -> tuple[list[int], list[int]]:
    """Return the related ids, best first, and the section's next ids, newest first: one query.

    `ties`, when the caller has them (kept with the article's page), save reading them.
    """
    parts, params = [], []
    if related > 0:
        sql, ranking_params = _ranking_sql(article, related, ties or Ties.of(article))
        parts.append(f"SELECT ranked.id, 0 AS list, ranked.place FROM ({sql}) ranked")
        params += ranking_params
    if following > 0:
        sql, following_params = (
            next_in_section_queryset(article).values("pk")[:following].query.sql_with_params()
        )
        parts.append(f"SELECT newest.pk, 1, 0 FROM ({sql}) newest")
        params += following_params
    if not parts:
        return [], []
    lists: tuple[list[int], list[int]] = ([], [])
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts) + " ORDER BY 2, 3", params)
        for pk, which, _place in cursor.fetchall():
            lists[which].append(pk)
    return lists


def _ranking_sql(article: Article, limit: int, ties: Ties) -> tuple[str, list]:
    """Return the SQL and parameters that rank the candidates sharing something with `article`."""
    q = connection.ops.quote_name
    mention, tagging = q(Mention._meta.db_table), q(TaggedArticle._meta.db_table)
    picks = q(RelatedArticle._meta.db_table)
    # Visibility comes from published() itself, compiled, so the rule lives in one place.
    public_sql, public_params = (
        Article.objects.published().order_by().values("pk", "published_at", "section_id").query
    ).sql_with_params()
    section_sql, section_params = (
        next_in_section_queryset(article).values("pk")[:SECTION_POOL].query.sql_with_params()
    )
    # Literal ids let the planner see how common each person and tag is, and choose index
    # look-ups.
    people, tags = list(ties.people), list(ties.topics)
    order = f"""
            candidate.pick DESC,
            candidate.weight
                + CASE WHEN public.section_id = %s THEN {SECTION_WEIGHT} ELSE 0 END DESC,
            public.published_at DESC,
            candidate.id DESC"""
    sql = f"""
        SELECT candidate.id, ROW_NUMBER() OVER (ORDER BY {order}) AS place
        FROM (
            SELECT id, MAX(pick) AS pick, SUM(weight) AS weight
            FROM (
                SELECT to_article_id AS id, {PICK_BASE} - position AS pick, 0 AS weight
                FROM {picks} WHERE from_article_id = %s
                {_sharing(mention, "article_id", "person_id", PERSON_WEIGHT, len(people))}
                {_sharing(tagging, "content_object_id", "tag_id", TAG_WEIGHT, len(tags))}
                UNION ALL
                SELECT newest.pk, 0, 0 FROM ({section_sql}) newest
            ) shared
            GROUP BY id
        ) candidate
        JOIN ({public_sql}) public ON public.pk = candidate.id
        WHERE candidate.id <> %s
        ORDER BY {order}
        LIMIT %s
    """
    params = [
        article.section_id,  # the window's order
        article.pk, *people, *tags, *section_params, *public_params,
        article.pk, article.section_id, limit,
    ]  # fmt: skip
    return sql, params


def _sharing(table: str, article_column: str, key_column: str, weight: int, count: int) -> str:
    """Return UNION ALL members taking the newest rows of each of `count` people or tags."""
    member = (
        f"UNION ALL SELECT {article_column}, 0, {weight} FROM "
        f"(SELECT {article_column} FROM {table} WHERE {key_column} = %s "
        f"ORDER BY id DESC LIMIT {PER_SOURCE}) AS source"
    )
    return "\n".join(f"{member}{n}" for n in range(count))
