"""Reads behind the public pages: each returns what one page shows, in fixed queries."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import (
    Exists,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    prefetch_related_objects,
)
from django.utils import timezone

from core.text import reading_minutes
from images.figures import (
    figure_image_ids,
    rendered_images,
    responsive_body,
    with_arrived_pictures,
)
from images.markup import picture_html

from . import pages
from .models import (
    Article,
    ArticleImage,
    Byline,
    Mention,
    RelatedHeadline,
    Section,
    TaggedArticle,
    card_bylines,
)
from .prefetching import set_prefetched
from .seo import article_metadata
from .services.related import Ties, coverage_ids
from .sharing import share_links

BODY_SIZES = "(min-width: 48rem) 44rem, 100vw"
SECONDARY = 4
LATEST = 5
PER_SECTION = 4
# How many of the newest articles the home reads at once to fill its section fronts.
FRONTS_SCAN = 200


@dataclass
class SectionFront:
    section: Section
    articles: list[Article] = field(default_factory=list)


def published_article_for_page(pk: int) -> Article | None:
    """Return the published article with its section's path, or None; relations come later.

    The page's own parts are usually kept rendered (articles/story.py): the relations they
    show are fetched by `prefetch_page_relations` only when they are rendered again.
    """
    return (
        Article.objects.published()
        .select_related("section__parent__parent")
        .annotate(**pages.annotations())
        .filter(pk=pk)
        .first()
    )


def article_for_page(articles: QuerySet, pk: int) -> Article | None:
    """Return the article `pk` of `articles` with every relation its page shows, or None."""
    article = articles.select_related("section__parent__parent").filter(pk=pk).first()
    if article is not None:
        prefetch_page_relations(article)
    return article


def prefetch_page_relations(article: Article) -> None:
    """Fetch every relation the article page shows onto `article` (one query each)."""
    prefetch_related_objects(
        [article],
        Prefetch("bylines", queryset=Byline.objects.select_related("person__picture")),
        Prefetch("mentions", queryset=Mention.objects.select_related("person__picture")),
        Prefetch("tagged_items", queryset=TaggedArticle.objects.select_related("tag")),
        Prefetch("images", queryset=ArticleImage.objects.select_related("image")),
        "corrections",
        Prefetch(
            "related_headlines",
            queryset=RelatedHeadline.objects.select_related("target__section"),
        ),
    )


def story_context(article: Article) -> dict:
    """Return what the article's own parts show (articles/story.py), relations prefetched."""
    body_html = load_pictures(article)  # first: it prefetches the renditions meta reads
    meta = article_metadata(article)
    return {
        "article": article,
        "body_html": body_html,
        "meta": meta,
        "reading_minutes": reading_minutes(article.body),
        "share_links": share_links(meta["canonical"], article.headline),
        "tag_groups": tags_by_kind(article),
    }


def load_pictures(article: Article) -> str:
    """Load the renditions of every picture (images, figures, portraits) in one query."""
    library = [item.image for item in article.images.all() if item.image_id]
    people = [item.person for item in [*article.bylines.all(), *article.mentions.all()]]
    library += [person.picture for person in people if person.picture_id]  # their portraits
    figure_ids = figure_image_ids(article.body)
    found = rendered_images(figure_ids + [image.pk for image in library])
    for image in library:
        set_prefetched(image, "renditions", found.get(image.pk, (image, []))[1])
    # An imported figure names its article image; its picture may have arrived since.
    arrived = {
        item.pk: picture_html(item, sizes=BODY_SIZES)
        for item in article.images.all()
        if not item.is_lead and not item.needs_file
    }
    body = with_arrived_pictures(article.body, arrived)
    return responsive_body(body, sizes=BODY_SIZES, images=found)


def related_coverage(
    article: Article, *, related: int = 6, following: int = 5, ties: Ties | None = None
) -> dict:
    """Return the Related and Next-in-section lists, fetched together in fixed queries."""
    # Ids first, then rows by primary key: "pk IN (ids) OR pk IN (subquery)" would make
    # PostgreSQL scan the whole archive. Enough of the section's newest are read that the
    # next ones are still `following` once those already listed as related are left out.
    ranked, newest = coverage_ids(
        article, related=related, following=following + related, ties=ties
    )
    following_ids = [pk for pk in newest if pk not in ranked][:following]
    rows = list(Article.objects.published().filter(pk__in=[*ranked, *following_ids]).cards())
    by_id = {row.pk: row for row in rows}
    # The newest same-section rows fetched, related ones aside, are the section's next ones.
    siblings = [
        row for row in rows if row.section_id == article.section_id and row.pk not in ranked
    ]
    siblings.sort(key=lambda row: (row.published_at, row.pk), reverse=True)
    return {
        "related": [by_id[pk] for pk in ranked if pk in by_id],
        "next_in_section": siblings[:following],
    }


@dataclass
class FrontTop:
    """The top of a front: its lead, the secondary stories, then the latest below them."""

    lead: Article | None = None
    secondary: list[Article] = field(default_factory=list)
    latest: list[Article] = field(default_factory=list)

    @property
    def featured(self) -> list[Article]:
        """Return the cards that carry a picture: the lead and the secondary stories."""
        return ([self.lead] if self.lead else []) + self.secondary

    @property
    def shown_ids(self) -> set[int]:
        return {article.pk for article in self.featured + self.latest}


def front_top(curated: list[Article], newest: QuerySet, *, latest: int = LATEST) -> FrontTop:
    """Return the curated stories, then the `latest` newest not already among them.

    An empty front falls back to the newest: the first leads, the next are secondary.
    One query, then one for the bylines and two for the featured cards' pictures.
    """
    count = latest if curated else 1 + SECONDARY
    rows = list(newest.exclude(pk__in=[a.pk for a in curated]).card_rows()[:count])
    prefetch_related_objects(curated + rows, card_bylines())
    if curated:
        top = FrontTop(curated[0], curated[1:], rows)
    else:
        top = FrontTop(rows[0] if rows else None, rows[1:])
    prefetch_related_objects(top.featured, lead_picture(), "images__image__renditions")
    return top


def lead_picture() -> Prefetch:
    """Return the prefetch of an article's lead picture with its library image."""
    leads = ArticleImage.objects.filter(is_lead=True).select_related("image")
    return Prefetch("images", queryset=leads)


def home_fronts(curated: list[Article]) -> tuple[FrontTop, list[SectionFront]]:
    """Return the home's top (curated first) and the latest of each top-level section."""
    public = Article.objects.published()
    top = front_top(curated, public.newest_first())
    return top, latest_per_top_section(public, exclude=top.shown_ids)


def latest_per_top_section(public: QuerySet, exclude: set[int]) -> list[SectionFront]:
    """Return up to `PER_SECTION` newest articles under each top-level section that has any.

    One index scan of the newest `FRONTS_SCAN` articles' ids usually fills every front; a
    quiet section whose newest lie beyond it gets a query of its own (an index range scan of
    `article_section_newest`). Then one query for all the cards and one for their bylines.
    """
    tree = descendants_of_top_sections()
    picked = _latest_ids_per_top_section(public, exclude, tree)
    wanted = [pk for pks in picked.values() for pk in pks]
    cards = public.filter(pk__in=wanted).card_rows().in_bulk() if wanted else {}
    prefetch_related_objects(list(cards.values()), card_bylines())
    return [
        SectionFront(section, [cards[pk] for pk in picked[section.pk] if pk in cards])
        for section, _ in tree
        if picked[section.pk]
    ]


def _latest_ids_per_top_section(
    public: QuerySet, exclude: set[int], tree: list[tuple[Section, list[int]]]
) -> dict[int, list[int]]:
    """Return each top-level section's id with the ids of its newest articles, newest first."""
    top_of = {member: section.pk for section, members in tree for member in members}
    picked: dict[int, list[int]] = {section.pk: [] for section, _ in tree}
    newest = public.newest_first().values_list("pk", flat=True)
    scanned = list(public.newest_first().values_list("pk", "section_id")[:FRONTS_SCAN])
    for pk, section_id in scanned:
        ids = picked[top_of[section_id]]
        if pk not in exclude and len(ids) < PER_SECTION:
            ids.append(pk)
    if len(scanned) < FRONTS_SCAN:
        return picked  # the scan read every public article
    for section, members in tree:
        if len(picked[section.pk]) < PER_SECTION:
            beyond = newest.exclude(pk__in=exclude).filter(section_id__in=members)
            picked[section.pk] = list(beyond[:PER_SECTION])
    return picked


def descendants_of_top_sections(
    sections: list[Section] | None = None,
) -> list[tuple[Section, list[int]]]:
    """Return each top-level section with its own id and its subsections' (one query).

    `sections`, every section read by the caller (`tree_rows()`), saves the query.
    """
    sections = list(tree_rows()) if sections is None else sections
    parent_of = {s.pk: s.parent_id for s in sections}

    def top_of(pk: int) -> int:
        # Sections nest at most Section.MAX_DEPTH deep; the bound guards a broken chain.
        for _ in range(Section.MAX_DEPTH):
            if parent_of.get(pk) is None:
                break
            pk = parent_of[pk]
        return pk

    members: dict[int, list[int]] = {}
    for section in sections:
        members.setdefault(top_of(section.pk), []).append(section.pk)
    return [(s, members[s.pk]) for s in sections if s.parent_id is None]


def tree_rows() -> QuerySet:
    """Return the sections with what the tree and the navigation show, in their order."""
    return Section.objects.only("id", "name", "slug", "parent_id", "position")


def seconds_until_next_publish() -> float | None:
    """Return the seconds until the next scheduled article goes public; None if none waits."""
    now = timezone.now()
    due = (
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return None if due is None else (due - now).total_seconds()


def month_range(year: int, month: int) -> tuple[datetime, datetime]:
    """Return the first moment of the month and of the next, in the newsroom's time zone."""
    start = timezone.make_aware(datetime(year, month, 1))
    following = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start, timezone.make_aware(following.replace(tzinfo=None))


def archive_years() -> list[tuple[int, list[date]]]:
    """Return each year with public articles, newest first, with its months that have any.

    Two queries of index probes, never a scan: the first and last publish times, then one
    EXISTS per month between them (a DISTINCT over the dates would read every article).
    """
    public = Article.objects.published()
    bounds = public.aggregate(first=Min("published_at"), last=Max("published_at"))
    if bounds["first"] is None:
        return []
    months = months_between(bounds["first"], bounds["last"])
    probes = {f"m{n}": Exists(in_range(_in_month(month))) for n, month in enumerate(months)}
    found = public.order_by().annotate(**probes).values(*probes)[0]
    years: dict[int, list[date]] = {}
    for n, month in reversed(list(enumerate(months))):
        if found[f"m{n}"]:
            years.setdefault(month.year, []).append(month)
    return list(years.items())


def months_between(first: datetime, last: datetime) -> list[date]:
    """Return the first day of every month from `first`'s to `last`'s, in the newsroom's zone."""
    month, end = _month_of(first), _month_of(last)
    months = []
    while month <= end:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def in_range(moments: Q) -> QuerySet:
    """Return the public articles published within `moments`, the range filtered first.

    The order matters on SQLite: given two upper bounds on `published_at` (the range's and
    published()'s "until now"), it scans the index from the first one it meets.
    """
    return Article.objects.filter(moments).published()


def _in_month(month: date) -> Q:
    start, end = month_range(month.year, month.month)
    return Q(published_at__gte=start, published_at__lt=end)


def neighbour_months(start: datetime, end: datetime) -> tuple[date | None, date | None]:
    """Return the nearest earlier and later months with public articles (two index look-ups)."""
    earlier = in_range(Q(published_at__lt=start)).order_by("-published_at")
    later = in_range(Q(published_at__gte=end)).order_by("published_at")
    before, after = (
        rows.values_list("published_at", flat=True).first() for rows in (earlier, later)
    )
    return _month_of(before), _month_of(after)


def _month_of(moment: datetime | None) -> date | None:
    return None if moment is None else timezone.localtime(moment).date().replace(day=1)


def navigation() -> list[Section]:
    """Return the top-level sections holding a public article, in order.

    One query: every section, each with an EXISTS of its own public articles (an index
    look-up); the tree is put together here.
    """
    public = Article.objects.published()
    sections = list(tree_rows().annotate(holds=Exists(public.filter(section_id=OuterRef("pk")))))
    shown = []
    for top, members in descendants_of_top_sections(sections):
        tree = set(members)
        if any(section.holds for section in sections if section.pk in tree):
            shown.append(top)
    return shown


def latest_headlines(count: int = 5) -> list[Article]:
    """Return the newest public articles with only what a link to them needs (one query)."""
    return list(
        Article.objects.published()
        .select_related("section")
        .only("id", "headline", "slug", "section__id", "section__slug")
        .newest_first()[:count]
    )


def tags_by_kind(article: Article) -> list[tuple[str, list]]:
    """Group the article's prefetched tags under their kind's plural label."""
    groups: dict[str, list] = {}
    for item in article.tagged_items.all():
        groups.setdefault(item.tag.get_kind_display(), []).append(item.tag)
    return list(groups.items())
