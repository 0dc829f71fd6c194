"""Answer 503 with Retry-After while the database is unreachable, instead of a 500."""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader

logger = logging.getLogger(__name__)


def unavailable_response(request) -> HttpResponse:
    """Return the 503 for this client: JSON for the API, a plain page for readers."""
    seconds = settings.DATABASE_RETRY_AFTER
    if request.path.startswith("/api/"):
        message = f"The service is briefly unavailable; retry in {seconds} seconds."
        response = JsonResponse({"detail": message}, status=503)
    else:
        # Rendered without the request: context processors would query the database.
        page = loader.get_template("503.html").render({"retry_after": seconds})
        response = HttpResponse(page, status=503)
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Turn a lost database connection in a view or its template into a 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        # Django closes the broken connection at the end of the request and opens a new
        # one for the next, so the site recovers by itself when the database is back.
        logger.error("Database unavailable: %s", exception, exc_info=exception)
        return unavailable_response(request)
