"""An article at each stage of the workflow, and every (step, stage) the table allows."""

from datetime import timedelta

from django.utils import timezone

from articles.models import Article
from articles.services.publishing import STEPS, Stage
from tests.factories import ArticleFactory

Status = Article.Status


def in_a_week():
    return (timezone.now() + timedelta(days=7)).replace(microsecond=0)


def article_at(stage: Stage, **fields) -> Article:
    """Return a new article standing at `stage`."""
    at_stage = {
        Stage.DRAFT: {"draft": True},
        Stage.REVIEW: {"status": Status.IN_REVIEW, "published_at": None},
        Stage.SCHEDULED: {"status": Status.PUBLISHED, "published_at": in_a_week()},
        Stage.LIVE: {"status": Status.PUBLISHED},
        Stage.UNPUBLISHED: {"status": Status.UNPUBLISHED},
    }
    return ArticleFactory(**at_stage[stage], **fields)


# Every step with every stage it starts from, as the table declares them.
STEP_STARTS = [(name, stage) for name, step in STEPS.items() for stage in step.moves]
# Every step with every stage it does not start from.
STEP_MISFITS = [
    (name, stage) for name, step in STEPS.items() for stage in Stage if stage not in step.moves
]


def arguments_for(name: str) -> dict:
    """Return the arguments step `name` cannot do without."""
    return {"at": in_a_week()} if "at" in STEPS[name].needs else {}
