"""The editorial workflow: one table of steps (STEPS), and the services that take them.

draft → review → published (a future publish time means scheduled) → unpublished.
The admin (step pages, list actions, buttons), the API (action endpoints, status changes)
and the commands read STEPS and take a step through its service; each service validates,
saves a revision and records who did what and when.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles.models import Article, ArticleEvent, Correction

from . import policy
from .checks import blocking_checks
from .events import record_event
from .revisions import recording, save_with_revision

Status = Article.Status
Action = ArticleEvent.Action


class Stage(StrEnum):
    """Where an article stands: its status, with a scheduled article told from a live one."""

    DRAFT = "draft"
    REVIEW = "review"
    SCHEDULED = "scheduled"
    LIVE = "live"
    UNPUBLISHED = "unpublished"


STAGE_OF_STATUS = {
    Status.DRAFT: Stage.DRAFT,
    Status.IN_REVIEW: Stage.REVIEW,
    Status.UNPUBLISHED: Stage.UNPUBLISHED,
}


def stage_label(article: Article) -> str:
    """Return where `article` stands as editors read it: "Scheduled", never "Published", early."""
    if stage_of(article) == Stage.SCHEDULED:
        return "Scheduled"
    return article.get_status_display()


def stage_of(article: Article) -> Stage:
    """Return where `article` stands in the workflow now."""
    if article.status != Status.PUBLISHED:
        return STAGE_OF_STATUS[article.status]
    return Stage.LIVE if article.is_public else Stage.SCHEDULED


@dataclass(frozen=True)
class Step:
    """One workflow step; its name is the admin's URL, the API's endpoint and the table's key."""

    name: str
    label: str
    moves: Mapping[Stage, str]  # the stages it starts from → the status it leaves behind
    role: Callable[..., bool]  # policy: who may take it at all, from the user alone
    service: Callable[..., Article]
    event: str  # the ArticleEvent.Action it records
    takes: tuple[str, ...] = ()  # the service's optional arguments: "at", "note"
    needs: tuple[str, ...] = ()  # those of them it cannot do without
    rule: Callable[..., bool] | None = None  # policy: a finer check of (user, article)

    def permits(self, user, article: Article) -> bool:
        """Return True if `user`'s role lets them take this step with `article`."""
        return self.role(user) and (self.rule is None or self.rule(user, article))

    def allows(self, user, article: Article) -> bool:
        """Return True if `user` may take this step with `article` as it stands now."""
        return stage_of(article) in self.moves and self.permits(user, article)


def _require(allowed: bool, reason: str) -> None:
    if not allowed:
        raise PermissionDenied(reason)


def _require_stage(article: Article, step: Step, reason: str, code="invalid_status") -> Stage:
    stage = stage_of(article)
    if stage not in step.moves:
        raise ValidationError(reason, code=code)
    return stage


def _move(*, article: Article, user, step: Step, stage: Stage, note="", publish_at=None):
    comment = Action(step.event).label
    # One revision holds the article and its event, so recovering a deleted article
    # finds the event again through the article's revisions.
    with recording(user, comment):
        before = article.status
        article.status = step.moves[stage]
        save_with_revision(article=article, user=user, comment=comment)
        record_event(
            article=article,
            user=user,
            action=step.event,
            from_status=before,
            note=note,
            publish_at=publish_at,
        )
    return article


def submit_for_review(*, article: Article, user) -> Article:
    """Send a draft to the editors for review."""
    step = STEPS["submit"]
    _require(step.permits(user, article), policy.edit_refusal(user, article))
    stage = _require_stage(article, step, "Only a draft can be submitted for review.")
    return _move(article=article, user=user, step=step, stage=stage)


def return_to_draft(*, article: Article, user, note: str = "") -> Article:
    """Send an article in review back to its writer as a draft."""
    step = STEPS["return-to-draft"]
    _require(step.permits(user, article), "Only an editor can return an article to draft.")
    stage = _require_stage(article, step, "Only an article in review can be returned.")
    return _move(article=article, user=user, step=step, stage=stage, note=note)


def publish(
    *,
    article: Article,
    user,
    at: datetime | None = None,
    anyway: bool = False,
    note: str = "",
) -> Article:
    """Publish now, or at `at` (a future time schedules it; no clock job is needed)."""
    # The blocking publishing checks (no byline, no lead picture, a picture still missing,
    # an overlong headline) refuse it unless `anyway` is given; the event then records them,
    # with the `note` saying why.
    step = STEPS["publish"]
    _require(step.permits(user, article), "Only an editor can publish or schedule articles.")
    now = timezone.now()
    when = at or now
    already = "This article is already published."
    stage = _require_stage(article, step, already, code="already_published")
    if article.embargo_until and when < article.embargo_until:
        embargo = timezone.localtime(article.embargo_until)
        raise ValidationError(
            f"This article is embargoed until {embargo:%Y-%m-%d %H:%M}; publish it then or later.",
            code="embargoed",
        )
    note = _confirmed_despite(blocking_checks(article), anyway, note)
    article.published_at = when
    step = STEPS["schedule"] if when > now else step
    return _move(article=article, user=user, step=step, stage=stage, publish_at=when, note=note)


def _confirmed_despite(checks: list, anyway: bool, why: str = "") -> str:
    """Refuse while blocking checks stand unconfirmed; return the note that records them."""
    why = why.strip()
    if not checks:
        return why
    reasons = " ".join(check.message for check in checks)
    if not anyway:
        raise ValidationError(
            f"Not published: {reasons} Confirm “publish anyway” to publish it as it is.",
            code="needs_confirmation",
        )
    return f"Published anyway: {reasons}" + (f" Why: {why}" if why else "")


def schedule(
    *, article: Article, user, at: datetime, anyway: bool = False, note: str = ""
) -> Article:
    """Publish `article` automatically at `at`, which must be in the future."""
    if at <= timezone.now():
        raise ValidationError("A scheduled time must be in the future.", code="past_schedule")
    return publish(article=article, user=user, at=at, anyway=anyway, note=note)


def unpublish(*, article: Article, user, note: str = "") -> Article:
    """Take a published article down (its URL then answers 410) or cancel a schedule."""
    step = STEPS["unpublish"]
    _require(step.permits(user, article), "Only an editor can unpublish articles.")
    stage = _require_stage(article, step, "Only a published article can be unpublished.")
    if stage == Stage.SCHEDULED:
        # It was only scheduled and never seen: cancelling the schedule makes it a draft again.
        article.published_at = None
        note = note or "Schedule cancelled before publication."
    return _move(article=article, user=user, step=step, stage=stage, note=note)


def add_correction(*, article: Article, user, text: str, at: datetime | None = None) -> Correction:
    """Append a correction note; the publish time stays, the modified time moves."""
    _require(user.has_perm(policy.CORRECT), "Only an editor can add corrections.")
    text = (text or "").strip()
    if not text:
        raise ValidationError("Write what was corrected.", code="empty_correction")
    if article.status not in (Status.PUBLISHED, Status.UNPUBLISHED):
        raise ValidationError(
            "Only a published article can carry a correction.", code="invalid_status"
        )
    with recording(user, "Correction added"):
        correction = Correction.objects.create(
            article=article, text=text, created_at=at or timezone.now(), created_by=user
        )
        save_with_revision(article=article, user=user, comment="Correction added")
        record_event(article=article, user=user, action=Action.CORRECTED, note=text)
    return correction


# Every stage an article may be published (or scheduled) from.
UNTIL_LIVE = (Stage.DRAFT, Stage.REVIEW, Stage.SCHEDULED, Stage.UNPUBLISHED)

STEPS: dict[str, Step] = {
    step.name: step
    for step in [
        Step(
            name="submit",
            label="Submit for review",
            moves={Stage.DRAFT: Status.IN_REVIEW},
            role=policy.can_write,
            rule=policy.can_edit,
            service=submit_for_review,
            event=Action.SUBMITTED,
        ),
        Step(
            name="return-to-draft",
            label="Return to draft",
            moves={Stage.REVIEW: Status.DRAFT},
            role=policy.can_edit_any,
            service=return_to_draft,
            event=Action.RETURNED,
            takes=("note",),
        ),
        Step(
            name="publish",
            label="Publish now",
            moves=dict.fromkeys(UNTIL_LIVE, Status.PUBLISHED),
            role=policy.can_publish,
            service=publish,
            event=Action.PUBLISHED,
            takes=("at", "anyway", "note"),
        ),
        Step(
            name="schedule",
            label="Schedule",
            moves=dict.fromkeys(UNTIL_LIVE, Status.PUBLISHED),
            role=policy.can_publish,
            service=schedule,
            event=Action.SCHEDULED,
            takes=("at", "anyway", "note"),
            needs=("at",),
        ),
        Step(
            name="unpublish",
            label="Unpublish",
            # Cancelling a schedule leaves a draft: nobody has seen the article yet.
            moves={Stage.LIVE: Status.UNPUBLISHED, Stage.SCHEDULED: Status.DRAFT},
            role=policy.can_publish,
            service=unpublish,
            event=Action.UNPUBLISHED,
            takes=("note",),
        ),
    ]
}


def available_steps(user, article: Article) -> list[Step]:
    """Return every step `user` may take with `article` now, in the table's order."""
    return [step for step in STEPS.values() if step.allows(user, article)]


def step_towards(article: Article, status: str, at: datetime | None = None) -> Step | None:
    """Return the step that takes `article` to `status`, or None if no step leads there."""
    if status == Status.PUBLISHED:
        # Publishing and scheduling both end published: a future time means scheduling.
        return STEPS["schedule" if at is not None and at > timezone.now() else "publish"]
    leading = [step for step in STEPS.values() if status in step.moves.values()]
    fitting = [step for step in leading if step.moves.get(stage_of(article)) == status]
    if fitting or len(leading) == 1:
        # A single step that does not fit yet is still taken: its service says why not.
        return (fitting or leading)[0]
    return None


def change_status(
    *, article: Article, user, status: str, at: datetime | None = None, anyway: bool = False
) -> Article:
    """Take the one step that brings `article` to `status`, for the API and commands.

    For `published`, `at` is the publish time: none or a past time publishes, a future
    time schedules (or moves a schedule); `anyway` confirms it despite blocking checks.
    The step's own rules then apply.
    """
    step = step_towards(article, status, at)
    if step is None:
        raise ValidationError(_no_step_message(article.status, status), code="invalid_transition")
    given = {"at": at, "anyway": anyway}
    return step.service(
        article=article, user=user, **{k: given[k] for k in step.takes if k in given}
    )


def _no_step_message(current: str, status: str) -> str:
    hint = ""
    if current in (Status.PUBLISHED, Status.UNPUBLISHED):
        hint = " Take a live article down with 'unpublished'; publish a taken-down one again."
    return f"An article cannot go from '{current}' to '{status}'.{hint}"
