"""What the API loads of articles: those the caller may see, with what it shows in fixed queries."""

from django.db.models import F, Prefetch
from django.db.models.functions import Coalesce

from articles.models import Article, ArticleImage, Byline, Mention, TaggedArticle
from articles.services import policy

from .permissions import can_see_unpublished


def readable_articles(user, *, writing: bool = False):
    """Return the articles this user may read (or write), with their sort time."""
    articles = Article.objects.published()
    # A published article always has its publish time: sorting on the column itself lets
    # the database read the newest from its index instead of sorting the whole archive.
    sort_time = F("published_at")
    if can_see_unpublished(user):
        sort_time = Coalesce("published_at", "created_at")
    if can_see_unpublished(user) and writing:
        # Writers reach every article so that a refusal is a 403 with its reason.
        articles = Article.objects.all()
    elif can_see_unpublished(user):
        # Readers on the staff see what the admin lists for them: editors everything,
        # contributors their own articles.
        articles = articles | policy.visible_articles(user, Article.objects.all())
    return articles.annotate(sort_time=sort_time)


def article_queryset(user, *, writing: bool = False):
    """Return the articles this user may read, with every relation fetched in fixed queries."""
    return (
        readable_articles(user, writing=writing)
        .for_listing()
        .prefetch_related(
            Prefetch("mentions", queryset=Mention.objects.select_related("person")),
            Prefetch("tagged_items", queryset=TaggedArticle.objects.select_related("tag")),
            Prefetch("images", queryset=ArticleImage.objects.select_related("image")),
            "images__image__renditions",
        )
    )


# The columns of an article that the API never shows.
UNSHOWN_COLUMNS = (
    "embargo_until", "created_at", "created_by", "seo_title", "seo_description",
    "source_fingerprint",
)  # fmt: skip
# A person as an article names them: no biography, description, aliases or photo.
PERSON_REF_COLUMNS = (
    "person", "person__slug", "person__full_name", "person__short_name", "person__kind"
)  # fmt: skip


def shown_relations(*, into_lists: bool) -> list:
    """Return the prefetches of what an article shows of its people, tags and pictures.

    `into_lists` puts each relation's rows in a plain list, `shown_<relation>`, instead of the
    relation's manager: for a page of articles Django would otherwise clone a queryset per
    article and relation, some 3 ms of a page of 20.
    """
    querysets = {
        "bylines": Byline.objects.select_related("person").only(
            "article", "role", *PERSON_REF_COLUMNS
        ),
        "mentions": Mention.objects.select_related("person").only(
            "article", "role_phrase", "count", *PERSON_REF_COLUMNS
        ),
        "tagged_items": TaggedArticle.objects.select_related("tag").only(
            "content_object", "tag", "tag__slug", "tag__name", "tag__kind"
        ),
        "images": ArticleImage.objects.select_related("image"),
    }
    prefetches = [
        Prefetch(name, queryset=rows, to_attr=f"shown_{name}" if into_lists else None)
        for name, rows in querysets.items()
    ]
    return [*prefetches, f"{'shown_' if into_lists else ''}images__image__renditions"]


def shown_articles(user, *, many: bool, body: bool = True, corrections: bool = False):
    """Return the articles this user may read, loading only the columns and rows shown.

    `many` is for a page of articles, whose relations go into lists (see shown_relations).
    """
    articles = (
        readable_articles(user)
        .select_related("section__parent__parent")
        .prefetch_related(*shown_relations(into_lists=many))
        .defer(*UNSHOWN_COLUMNS, *([] if body else ["body"]))
    )
    return articles.prefetch_related("corrections") if corrections else articles
