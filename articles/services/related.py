"""Related coverage: the editor's picks, then what shares the most with an article.

One ranked query (plus the bylines prefetch) whatever the size of the archive: candidates
come only from indexed joins (articles mentioning the same people, carrying the same tags or
filed in the same section), each source capped at its newest `CANDIDATE_POOL` articles, and
are ranked by annotated counts in the database rather than in a Python loop.
"""

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from articles.models import Article, Mention, RelatedArticle, TaggedArticle

# How much each kind of overlap weighs: a shared person says more than a shared tag,
# which says more than merely sharing a section.
PERSON_WEIGHT = 3
TAG_WEIGHT = 2
SECTION_WEIGHT = 1
# The newest articles taken from each source; keeps a popular tag from making the
# ranking scan the whole archive.
CANDIDATE_POOL = 500


def related_articles(article: Article, *, limit: int = 6) -> list[Article]:
    """Return the editor's published picks in order, then the best-ranked published articles."""
    if limit <= 0:
        return []
    return list(related_queryset(article).for_listing()[:limit])


def next_in_section(article: Article, *, limit: int = 5) -> list[Article]:
    """Return the newest other published articles in the article's own section."""
    return list(next_in_section_queryset(article).for_listing()[:limit])


def related_queryset(article: Article) -> QuerySet:
    """Return the ranked related articles as an unsliced QuerySet, picks first."""
    people = Mention.objects.filter(article=article).values("person_id")
    tags = TaggedArticle.objects.filter(content_object=article).values("tag_id")
    picks = RelatedArticle.objects.filter(from_article=article)
    public = Article.objects.published()
    candidates = (
        Q(pk__in=picks.values("to_article_id"))
        | Q(pk__in=_newest(public.filter(mentions__person_id__in=people)))
        | Q(pk__in=_newest(public.filter(tagged_items__tag_id__in=tags)))
        | Q(pk__in=_newest(public.filter(section_id=article.section_id)))
    )
    return (
        public.filter(candidates)
        .exclude(pk=article.pk)
        .annotate(
            pick_position=Subquery(picks.filter(to_article=OuterRef("pk")).values("position")[:1]),
            score=_score(article, people, tags),
        )
        .order_by(F("pick_position").asc(nulls_last=True), "-score", "-published_at", "-pk")
    )


def next_in_section_queryset(article: Article) -> QuerySet:
    """Return the other published articles of the article's section, newest first."""
    return (
        Article.objects.published()
        .filter(section_id=article.section_id)
        .exclude(pk=article.pk)
        .newest_first()
    )


def _newest(queryset: QuerySet) -> QuerySet:
    """Return the ids of the newest `CANDIDATE_POOL` articles of `queryset`."""
    return queryset.order_by("-published_at", "-pk").values("pk")[:CANDIDATE_POOL]


def _score(article: Article, people: QuerySet, tags: QuerySet):
    """Return an expression weighing the people, tags and section shared with `article`."""
    shared_people = _count(
        Mention.objects.filter(article=OuterRef("pk"), person_id__in=people), "article"
    )
    shared_tags = _count(
        TaggedArticle.objects.filter(content_object=OuterRef("pk"), tag_id__in=tags),
        "content_object",
    )
    same_section = Case(
        When(section_id=article.section_id, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return shared_people * PERSON_WEIGHT + shared_tags * TAG_WEIGHT + same_section * SECTION_WEIGHT


def _count(queryset: QuerySet, group_by: str):
    """Return a correlated COUNT(*) of `queryset` as an integer expression, 0 when empty."""
    counted = queryset.order_by().values(group_by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))
