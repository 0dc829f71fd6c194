"""The change form's autosave endpoint: a JSON copy of the unsaved form, per user and article."""

import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_http_methods

from articles.models import Autosave
from articles.services.autosave import keep_autosave, newer_autosave

# A form bigger than this is refused before it is parsed.
MAX_BODY_BYTES = 2_000_000


def autosave_context(request, article) -> dict:
    """Return what the change form needs to autosave `article` and offer a newer copy back."""
    if article is None:
        return {}
    return {
        "autosave_url": reverse("admin:articles_article_autosave", args=[article.pk]),
        "newer_autosave": newer_autosave(article=article, user=request.user),
    }


def refusal(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def parsed_payload(request) -> tuple[dict, int]:
    """Return the posted fields and the article version they started from, or raise."""
    if len(request.body) > MAX_BODY_BYTES:
        raise ValidationError("The form is too large to keep.")
    try:
        payload = json.loads(request.body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValidationError("Send JSON.") from error
    if not isinstance(payload, dict):
        raise ValidationError("Send a JSON object with fields and version.")
    version = payload.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValidationError("Send the article version the form was opened at.")
    return payload.get("fields"), version


class ArticleAutosaveMixin:
    """Give ArticleAdmin its autosave endpoint under each article."""

    def autosave_urls(self) -> list:
        """Return the autosave URL, for ArticleAdmin.get_urls()."""
        view = self.admin_site.admin_view(require_http_methods(["GET", "POST"])(self.autosave_view))
        return [path("<path:object_id>/autosave/", view, name="articles_article_autosave")]

    def autosave_view(self, request, object_id):
        """GET the writer's kept copy, or POST a new one; only for who may change the article."""
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404("No such article, or not one of yours.")
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        if request.method == "GET":
            return self.kept_copy(request, article)
        try:
            fields, version = parsed_payload(request)
            autosave = keep_autosave(
                article=article, user=request.user, fields=fields, article_version=version
            )
        except ValidationError as error:
            return refusal(" ".join(error.messages))
        return JsonResponse(
            {"saved_at": autosave.saved_at.isoformat(), "saved_at_shown": shown(autosave.saved_at)}
        )

    def kept_copy(self, request, article):
        autosave = Autosave.objects.filter(article=article, user=request.user).first()
        if autosave is None:
            return HttpResponse(status=204)  # nothing kept: not an error
        return JsonResponse(
            {
                "fields": autosave.fields,
                "version": autosave.article_version,
                "saved_at": autosave.saved_at.isoformat(),
                "saved_at_shown": shown(autosave.saved_at),
            }
        )


def shown(moment) -> str:
    """Return a time as the desk shows it: in the newsroom's zone, like the kept-copy banner."""
    return date_format(timezone.localtime(moment), "H:i:s")
