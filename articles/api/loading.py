"""What the API loads of articles: those the caller may see, with what it shows in fixed queries."""

from collections.abc import Collection

from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet
from django.db.models.functions import Coalesce

from articles.models import (
    Article,
    ArticleImage,
    Byline,
    Correction,
    Mention,
    Tag,
    TaggedArticle,
)
from articles.services import policy
from people.models import Person

from .permissions import can_see_unpublished


def readable_articles(user):
    """Return the articles this user may read (and so try to write), with their sort time."""
    articles = Article.objects.published()
    # A published article always has its publish time: sorting on the column itself lets
    # the database read the newest from its index instead of sorting the whole archive.
    sort_time = F("published_at")
    if can_see_unpublished(user):
        sort_time = Coalesce("published_at", "created_at")
    if can_see_unpublished(user):
        # Staff see what the admin lists for them: editors everything, contributors their
        # own articles. A write to anything else is a 404, as a read is, so that the answer
        # tells nothing of an article the caller may not see; a refusal of one they see is
        # a 403 with its reason.
        articles = articles | policy.visible_articles(user, Article.objects.all())
    return articles.annotate(sort_time=sort_time)


def readable_tags(user):
    """Return the tags this user may look up: editors all, others those on articles they read.

    A tag that only unpublished work carries is not public: naming it would tell of the work.
    """
    if can_see_unpublished(user) and policy.can_edit_any(user):
        return Tag.objects.all()
    articles = readable_articles(user).values("pk")
    carried = TaggedArticle.objects.filter(tag=OuterRef("pk"), content_object__in=articles)
    return Tag.objects.filter(Exists(carried))


def readable_people(user):
    """Return the people this user may look up: editors all, others those in what they read."""
    if can_see_unpublished(user) and policy.can_edit_any(user):
        return Person.objects.all()
    return Person.objects.named_in(readable_articles(user))


def article_queryset(user):
    """Return the articles this user may read, with every relation fetched in fixed queries."""
    return (
        readable_articles(user)
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


# The relation behind each field that shows one.
RELATION_OF_FIELD = {
    "bylines": "bylines", "mentions": "mentions", "tags": "tagged_items", "images": "images",
    "corrections": "corrections",
}  # fmt: skip


def relation_rows() -> dict[str, QuerySet]:
    """Return, for each relation an article shows, the rows and columns to load."""
    return {
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
        "corrections": Correction.objects.all(),
    }


def shown_relations(names: Collection[str], *, into_lists: bool) -> list:
    """Return the prefetches of the relations that the fields `names` show.

    `into_lists` puts each relation's rows in a plain list, `shown_<relation>`, instead of the
    relation's manager: for a page of articles Django would otherwise clone a queryset per
    article and relation, some 3 ms of a page of 20.
    """
    needed = {RELATION_OF_FIELD[name] for name in names if name in RELATION_OF_FIELD}
    if "related" in names:
        needed |= {"mentions", "tagged_items"}  # the ranking reads the article's people and tags
    prefetches = [
        Prefetch(name, queryset=rows, to_attr=f"shown_{name}" if into_lists else None)
        for name, rows in relation_rows().items()
        if name in needed
    ]
    if "images" in needed:
        prefetches.append(f"{'shown_' if into_lists else ''}images__image__renditions")
    return prefetches


def shown_articles(user, *, names: Collection[str], many: bool):
    """Return the articles this user may read, loading only what the fields `names` show.

    `many` is for a page of articles, whose relations go into lists (see shown_relations).
    """
    return (
        readable_articles(user)
        .select_related("section__parent__parent")
        .prefetch_related(*shown_relations(names, into_lists=many))
        .defer(*UNSHOWN_COLUMNS, *([] if "body" in names else ["body"]))
    )
