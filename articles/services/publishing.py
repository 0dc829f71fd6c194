"""The editorial workflow: explicit transitions, each checked, saved and recorded.

draft → review → published (a future publish time means scheduled) → unpublished.
The admin, the API and the commands all change an article's status through these
functions; each one validates, saves a revision and records who did what and when.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles.models import Article, ArticleEvent, Correction

from . import policy
from .revisions import recording, save_with_revision

Status = Article.Status
Action = ArticleEvent.Action


def _require(allowed: bool, reason: str) -> None:
    if not allowed:
        raise PermissionDenied(reason)


def _require_status(article: Article, allowed: set, reason: str) -> None:
    if article.status not in allowed:
        raise ValidationError(reason, code="invalid_status")


def record_event(
    *, article: Article, user, action: str, from_status: str = "", note: str = "", publish_at=None
) -> ArticleEvent:
    """Record one workflow step of `article` by `user`, now."""
    return ArticleEvent.objects.create(
        article=article,
        user=user if user is not None and user.is_authenticated else None,
        action=action,
        from_status=from_status,
        to_status=article.status,
        publish_at=publish_at,
        note=note,
    )


def _move(*, article: Article, user, to: str, action: str, note: str = "", publish_at=None):
    comment = ArticleEvent.Action(action).label
    # One revision holds the article and its event, so recovering a deleted article
    # finds the event again through the article's revisions.
    with recording(user, comment):
        before = article.status
        article.status = to
        save_with_revision(article=article, user=user, comment=comment)
        record_event(
            article=article,
            user=user,
            action=action,
            from_status=before,
            note=note,
            publish_at=publish_at,
        )
    return article


def submit_for_review(*, article: Article, user) -> Article:
    """Send a draft to the editors for review."""
    _require(policy.can_edit(user, article), policy.edit_refusal(user, article))
    _require_status(article, {Status.DRAFT}, "Only a draft can be submitted for review.")
    return _move(article=article, user=user, to=Status.IN_REVIEW, action=Action.SUBMITTED)


def return_to_draft(*, article: Article, user, note: str = "") -> Article:
    """Send an article in review back to its writer as a draft."""
    _require(policy.can_edit_any(user), "Only an editor can return an article to draft.")
    _require_status(article, {Status.IN_REVIEW}, "Only an article in review can be returned.")
    return _move(article=article, user=user, to=Status.DRAFT, action=Action.RETURNED, note=note)


def publish(*, article: Article, user, at: datetime | None = None) -> Article:
    """Publish now, or at `at` (a future time schedules it; no clock job is needed)."""
    _require(policy.can_publish(user), "Only an editor can publish or schedule articles.")
    now = timezone.now()
    when = at or now
    if article.is_public:
        raise ValidationError("This article is already published.", code="already_published")
    if article.embargo_until and when < article.embargo_until:
        embargo = timezone.localtime(article.embargo_until)
        raise ValidationError(
            f"This article is embargoed until {embargo:%Y-%m-%d %H:%M}; publish it then or later.",
            code="embargoed",
        )
    article.published_at = when
    action = Action.SCHEDULED if when > now else Action.PUBLISHED
    return _move(article=article, user=user, to=Status.PUBLISHED, action=action, publish_at=when)


def schedule(*, article: Article, user, at: datetime) -> Article:
    """Publish `article` automatically at `at`, which must be in the future."""
    if at <= timezone.now():
        raise ValidationError("A scheduled time must be in the future.", code="past_schedule")
    return publish(article=article, user=user, at=at)


def unpublish(*, article: Article, user, note: str = "") -> Article:
    """Take a published article down (its URL then answers 410) or cancel a schedule."""
    _require(policy.can_publish(user), "Only an editor can unpublish articles.")
    _require_status(article, {Status.PUBLISHED}, "Only a published article can be unpublished.")
    if article.is_public:
        return _move(
            article=article, user=user, to=Status.UNPUBLISHED, action=Action.UNPUBLISHED, note=note
        )
    # It was only scheduled and never seen: cancelling the schedule makes it a draft again.
    article.published_at = None
    note = note or "Schedule cancelled before publication."
    return _move(article=article, user=user, to=Status.DRAFT, action=Action.UNPUBLISHED, note=note)


def change_status(*, article: Article, user, status: str, at: datetime | None = None) -> Article:
    """Apply the one transition that takes `article` to `status`, for the API and commands.

    For `published`, `at` is the publish time: none or a past time publishes, a future
    time schedules (or moves a schedule). The transition's own rules then apply.
    """
    current = article.status
    if status == Status.PUBLISHED:
        if at is not None and at > timezone.now():
            return schedule(article=article, user=user, at=at)
        return publish(article=article, user=user, at=at)
    if status == Status.IN_REVIEW:
        return submit_for_review(article=article, user=user)
    if status == Status.UNPUBLISHED:
        return unpublish(article=article, user=user)
    if status == Status.DRAFT and current == Status.IN_REVIEW:
        return return_to_draft(article=article, user=user)
    if status == Status.DRAFT and current == Status.PUBLISHED and not article.is_public:
        return unpublish(article=article, user=user)  # cancels the schedule
    hint = ""
    if current in (Status.PUBLISHED, Status.UNPUBLISHED):
        hint = " Take a live article down with 'unpublished'; publish a taken-down one again."
    raise ValidationError(
        f"An article cannot go from '{current}' to '{status}'.{hint}", code="invalid_transition"
    )


def add_correction(*, article: Article, user, text: str, at: datetime | None = None) -> Correction:
    """Append a correction note; the publish time stays, the modified time moves."""
    _require(user.has_perm(policy.CORRECT), "Only an editor can add corrections.")
    text = (text or "").strip()
    if not text:
        raise ValidationError("Write what was corrected.", code="empty_correction")
    _require_status(
        article,
        {Status.PUBLISHED, Status.UNPUBLISHED},
        "Only a published article can carry a correction.",
    )
    with recording(user, "Correction added"):
        correction = Correction.objects.create(
            article=article, text=text, created_at=at or timezone.now(), created_by=user
        )
        save_with_revision(article=article, user=user, comment="Correction added")
        record_event(article=article, user=user, action=Action.CORRECTED, note=text)
    return correction
