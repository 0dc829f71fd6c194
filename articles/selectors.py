"""Reads behind the public pages: each returns what one page shows, in fixed queries."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import F, Prefetch, QuerySet
from django.db.models.expressions import Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone

from images.figures import figure_image_ids, rendered_images, responsive_body

from .models import (
    Article,
    ArticleImage,
    Byline,
    Mention,
    RelatedHeadline,
    Section,
    TaggedArticle,
)
from .prefetching import set_prefetched
from .seo import article_metadata
from .services.related import coverage_ids

LISTING_PATH = ("section__parent__parent",)
BODY_SIZES = "(min-width: 48rem) 44rem, 100vw"
TOP_STORIES = 5
PER_SECTION = 4
# The home page looks for each section's latest among this many newest articles, so the
# window query never sorts the whole archive.
HOME_POOL = 1000


@dataclass
class SectionFront:
    section: Section
    articles: list[Article] = field(default_factory=list)


def published_article_for_page(pk: int) -> Article | None:
    """Return the published article with every relation its page shows, or None."""
    return article_for_page(Article.objects.published(), pk)


def article_for_page(articles: QuerySet, pk: int) -> Article | None:
    """Return the article `pk` of `articles` with every relation its page shows, or None."""
    return (
        articles.select_related("section__parent__parent")
        .prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("person")),
            Prefetch("mentions", queryset=Mention.objects.select_related("person")),
            Prefetch("tagged_items", queryset=TaggedArticle.objects.select_related("tag")),
            Prefetch("images", queryset=ArticleImage.objects.select_related("image")),
            "corrections",
            Prefetch(
                "related_headlines",
                queryset=RelatedHeadline.objects.select_related("target__section"),
            ),
        )
        .filter(pk=pk)
        .first()
    )


def article_page_context(article: Article) -> dict:
    """Return what the article template shows beside a prefetched article."""
    return {
        "article": article,
        "body_html": load_pictures(article),
        "current_section_root": article.section.path[0],
        "meta": article_metadata(article),
        "tag_groups": tags_by_kind(article),
        **related_coverage(article),
    }


def load_pictures(article: Article) -> str:
    """Load every picture's renditions (images and figures) in one query; return the body."""
    library = [item.image for item in article.images.all() if item.image_id]
    figure_ids = figure_image_ids(article.body)
    found = rendered_images(figure_ids + [image.pk for image in library])
    for image in library:
        set_prefetched(image, "renditions", found.get(image.pk, (image, []))[1])
    return responsive_body(article.body, sizes=BODY_SIZES, images=found)


def related_coverage(article: Article, *, related: int = 6, following: int = 5) -> dict:
    """Return the Related and Next-in-section lists, fetched together in fixed queries."""
    # Ids first, then rows by primary key: "pk IN (ids) OR pk IN (subquery)" would make
    # PostgreSQL scan the whole archive.
    ranked, following_ids = coverage_ids(article, related=related, following=following)
    rows = list(Article.objects.published().filter(pk__in=[*ranked, *following_ids]).for_listing())
    by_id = {row.pk: row for row in rows}
    # The newest same-section rows fetched are exactly the section's newest `following`.
    siblings = [row for row in rows if row.section_id == article.section_id]
    siblings.sort(key=lambda row: (row.published_at, row.pk), reverse=True)
    return {
        "related": [by_id[pk] for pk in ranked if pk in by_id],
        "next_in_section": siblings[:following],
    }


def home_fronts() -> tuple[list[Article], list[SectionFront]]:
    """Return the top stories and the latest articles of each top-level section."""
    public = Article.objects.published()
    top = list(public.for_listing().newest_first()[:TOP_STORIES])
    fronts = {s.pk: SectionFront(s) for s in Section.objects.top_level()}
    for article in _latest_per_top_section(public, exclude=[a.pk for a in top]):
        fronts[article.top_section_id].articles.append(article)
    return top, [front for front in fronts.values() if front.articles]


def _latest_per_top_section(public: QuerySet, exclude: list[int]) -> list[Article]:
    """Return up to `PER_SECTION` newest articles under each top-level section."""
    pool = public.newest_first().values("pk")[:HOME_POOL]
    ranked = (
        public.filter(pk__in=pool)
        .exclude(pk__in=exclude)
        .annotate(
            top_section_id=Coalesce(
                "section__parent__parent_id", "section__parent_id", "section_id"
            ),
            rank=Window(
                RowNumber(),
                partition_by=F("top_section_id"),
                order_by=[F("published_at").desc(), F("pk").desc()],
            ),
        )
        .filter(rank__lte=PER_SECTION)
        .for_listing()
        .newest_first()
    )
    return list(ranked)


def month_range(year: int, month: int) -> tuple[datetime, datetime]:
    """Return the first moment of the month and of the next, in the newsroom's time zone."""
    start = timezone.make_aware(datetime(year, month, 1))
    following = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start, timezone.make_aware(following.replace(tzinfo=None))


def tags_by_kind(article: Article) -> list[tuple[str, list]]:
    """Group the article's prefetched tags under their kind's plural label."""
    groups: dict[str, list] = {}
    for item in article.tagged_items.all():
        groups.setdefault(item.tag.get_kind_display(), []).append(item.tag)
    return list(groups.items())
