"""Middleware shared by every page and the API."""

from django.http import HttpResponseBadRequest, JsonResponse

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
                return JsonResponse({"detail": REFUSAL}, status=400)
            return HttpResponseBadRequest(REFUSAL, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def _pairs(request):
    return ((key, value) for key, values in request.GET.lists() for value in values)
