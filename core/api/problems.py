"""Problem details (RFC 9457): the one shape of every error the API answers."""

from http import HTTPStatus

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

MEDIA_TYPE = "application/problem+json"


def problem(
    status: int,
    detail: str,
    *,
    instance: str,
    code: str = "",
    errors: dict | None = None,
) -> dict:
    """Return a problem details document for `status`, with the fields at fault if any."""
    # "about:blank" says the HTTP status is the whole meaning; `code` tells cases apart.
    document = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": instance,
        "code": code or HTTPStatus(status).phrase.lower().replace(" ", "_"),
    }
    if errors:
        document["errors"] = errors
    return document


def problem_response(request, status: int, detail: str, **members) -> JsonResponse:
    """Return a problem details response to `request`, outside DRF's views."""
    document = problem(status, detail, instance=request.path, **members)
    return JsonResponse(
        document,
        status=status,
        content_type=MEDIA_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )


@csrf_exempt  # as every API view: a write to an unknown address is a 404, not a CSRF page
def not_found(request, path: str = ""):
    """Answer an API address that names no resource with a 404 problem."""
    return problem_response(request, 404, "No resource lives at this address.", code="not_found")
