"""Workflow transitions through the API: the publishing services, with their refusals as HTTP.

Both doors lead here: a write that changes `status` or `published_at`, and the action
endpoints, one for each step of the workflow table (`POST /api/v1/articles/{id}/publish/`
and the like). Either way the service checks the role and the status, saves a revision
and records who did it and when.
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied

from articles.models import Article
from articles.services import publishing
from articles.services.concurrency import StaleArticleError
from core.api import conditional
from core.api import fields as strict

# Refusals about the chosen publish time rather than about the status itself.
TIME_ERRORS = frozenset({"embargoed", "past_schedule"})


def run_transition(service: Callable, *, article: Article, user, **kwargs) -> Article:
    """Call a publishing service; a refusal is a 403, a wrong step a 400, a lost race a 412."""
    try:
        return service(article=article, user=user, **kwargs)
    except DjangoPermissionDenied as error:
        raise PermissionDenied(str(error)) from error
    except DjangoValidationError as error:
        field = "published_at" if error.code in TIME_ERRORS else "status"
        raise serializers.ValidationError({field: error.messages}) from error
    except StaleArticleError as error:
        raise conditional.PreconditionFailed() from error


class TransitionInputSerializer(serializers.Serializer):
    """What a workflow action may carry; each action reads only the fields it takes."""

    at = serializers.DateTimeField(
        required=False,
        help_text="publish: when (default now; a future time schedules). schedule: required.",
    )
    note = strict.CharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text="return-to-draft and unpublish: a note kept with the recorded event; "
        "publish and schedule with anyway: why it goes out despite the checks.",
    )
    anyway = serializers.BooleanField(
        required=False,
        help_text="publish and schedule: go ahead despite the blocking publishing checks; "
        "the recorded event lists them.",
    )


def action_arguments(name: str, data) -> dict:
    """Validate the body of action `name` and return the service's keyword arguments."""
    step = publishing.STEPS[name]
    given = TransitionInputSerializer(data=data)
    given.is_valid(raise_exception=True)
    values = {key: value for key, value in given.validated_data.items() if key in step.takes}
    missing = [key for key in step.needs if key not in values]
    if missing:
        raise serializers.ValidationError(dict.fromkeys(missing, "This field is required."))
    return values
