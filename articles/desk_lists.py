"""Reads behind the admin's front page, the newsroom desk: the lists a person works from.

Each list is one query, whatever the number of articles, and shows only what the person may
open (`policy.visible_articles`); the review queue offers only the steps they may take.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Correction
from articles.services import policy, publishing

Status = Article.Status
PER_LIST = 8
# The steps an editor takes from the review queue; anything else is on the article's page.
REVIEW_STEPS = ("publish", "schedule", "return-to-draft")


@dataclass
class DeskItem:
    """One line of a desk list: an article, when it matters, and the steps offered."""

    article: Article
    when: object = None
    note: str = ""
    steps: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class DeskList:
    """One list of the desk, with the admin list that shows all of it."""

    key: str
    title: str
    empty: str
    when_label: str
    items: list[DeskItem]
    more_url: str = ""


def newsroom_desk(user) -> list[DeskList]:
    """Return the desk's lists for `user`: drafts, review, scheduled, published, corrected."""
    if not policy.can_write(user):
        return []
    visible = policy.visible_articles(user, Article.objects.select_related("section"))
    return [
        my_drafts(user, visible),
        waiting_for_review(user, visible),
        scheduled(visible),
        recently_published(visible),
        recently_corrected(visible),
    ]


def _changelist(query: str = "") -> str:
    return reverse("admin:articles_article_changelist") + query


def my_drafts(user, visible) -> DeskList:
    """Return the person's own drafts, the most recently changed first."""
    rows = visible.filter(created_by=user, status=Status.DRAFT).order_by("-updated_at")
    return DeskList(
        "drafts",
        "My drafts",
        "You have no drafts. Start one with “Add article”.",
        "Last changed",
        [DeskItem(article, article.updated_at) for article in rows[:PER_LIST]],
        _changelist("?desk=mine&workflow=draft"),
    )


def waiting_for_review(user, visible) -> DeskList:
    """Return the review queue: everything for editors, a contributor's own submissions."""
    rows = visible.filter(status=Status.IN_REVIEW).order_by("updated_at")[:PER_LIST]
    title = "Waiting for review" if policy.can_edit_any(user) else "Sent for review"
    items = [
        DeskItem(article, article.updated_at, steps=_review_steps(user, article))
        for article in rows
    ]
    empty = "Nothing is waiting for review."
    return DeskList("review", title, empty, "Submitted", items, _changelist("?workflow=review"))


def _review_steps(user, article: Article) -> list[tuple[str, str]]:
    steps = (publishing.STEPS[name] for name in REVIEW_STEPS)
    return [(step.name, step.label) for step in steps if step.allows(user, article)]


def scheduled(visible) -> DeskList:
    """Return the articles due to go public, the soonest first."""
    rows = visible.filter(status=Status.PUBLISHED, published_at__gt=timezone.now())
    rows = rows.order_by("published_at", "pk")[:PER_LIST]
    return DeskList(
        "scheduled",
        "Scheduled",
        "Nothing is scheduled.",
        "Goes public",
        [DeskItem(article, article.published_at) for article in rows],
        _changelist("?workflow=scheduled"),
    )


def recently_published(visible) -> DeskList:
    """Return the articles most recently gone public."""
    rows = visible.published().order_by("-published_at", "-pk")[:PER_LIST]
    return DeskList(
        "published",
        "Recently published",
        "Nothing is published yet.",
        "Published",
        [DeskItem(article, article.published_at) for article in rows],
        _changelist("?workflow=live"),
    )


def recently_corrected(visible) -> DeskList:
    """Return the latest corrections, each with its article."""
    corrections = Correction.objects.filter(article__in=visible.values("pk"))
    rows = corrections.select_related("article__section").order_by("-created_at", "-pk")
    return DeskList(
        "corrected",
        "Recently corrected",
        "No corrections yet.",
        "Corrected",
        [DeskItem(fix.article, fix.created_at, note=fix.text) for fix in rows[:PER_LIST]],
    )
