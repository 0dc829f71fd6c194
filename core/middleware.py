"""Middleware shared by every page and the API: refusing NUL, and 503 while the database is down."""

import errno
import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest
from django.template import loader

from core.api.problems import problem_response

logger = logging.getLogger(__name__)

NUL = "\x00"
REFUSAL = "A NUL character (%00) is not allowed in an address or a search."


class RefuseNulMiddleware:
    """Answer 400 to a query string holding a NUL character, before any view reads it.

    PostgreSQL refuses NUL in text with an error rather than a miss, and the admin's search
    boxes, autocompletes and filters pass their query straight to the database.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path or any(NUL in key or NUL in value for key, value in _pairs(request)):
            if request.path.startswith("/api/"):
                return problem_response(request, 400, REFUSAL, code="nul_character")
            return HttpResponseBadRequest(REFUSAL, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def _pairs(request):
    return ((key, value) for key, values in request.GET.lists() for value in values)


def unavailable_response(request) -> HttpResponse:
    """Return the 503 for this client: JSON for the API, a plain page for readers."""
    seconds = settings.DATABASE_RETRY_AFTER
    if request.path.startswith("/api/"):
        message = f"The service is briefly unavailable; retry in {seconds} seconds."
        response = problem_response(request, 503, message, code="database_unavailable")
    else:
        # Rendered without the request: context processors would query the database.
        page = loader.get_template("503.html").render({"retry_after": seconds})
        response = HttpResponse(page, status=503)
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response


# A full disk or an exhausted quota: the upload is refused whole (core/storage.py), and the
# client is asked to come back, as while the database is away.
STORAGE_FULL = {errno.ENOSPC, errno.EDQUOT}


class DatabaseUnavailableMiddleware:
    """Turn a lost database connection, or a full disk, in a view or its template into a 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OSError) and exception.errno in STORAGE_FULL:
            logger.error("Storage full: %s", exception, exc_info=exception)
            return unavailable_response(request)
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        # Django closes the broken connection at the end of the request and opens a new
        # one for the next, so the site recovers by itself when the database is back.
        logger.error("Database unavailable: %s", exception, exc_info=exception)
        return unavailable_response(request)
