"""The admin site: named after the newsroom, its front page the desk instead of the app list."""

from functools import wraps

from django.conf import settings
from django.contrib import admin
from django.db import transaction
from django.http import HttpResponseBadRequest
from django.template.response import SimpleTemplateResponse

from articles.desk_lists import newsroom_desk

# The longest search, filter or paging value the admin reads. Its search boxes pass the
# words to the database as LIKE patterns, and SQLite refuses a pattern of more than 50,000
# bytes with an error that is not an outage; nothing an editor types comes near this.
MAX_QUERY_CHARS = 1000
OVERLONG = f"A search or filter of more than {MAX_QUERY_CHARS:,} characters is not allowed."
OUT_OF_RANGE = "A date in this filter is outside the calendar the database keeps."


class MastheadAdminSite(admin.AdminSite):
    """Django's admin site with the site's name in the header and the desk as its index."""

    index_template = "admin/desk.html"
    index_title = "Desk"

    @property
    def site_header(self) -> str:
        return settings.SITE_NAME

    @property
    def site_title(self) -> str:
        return f"{settings.SITE_NAME} newsroom"

    def index(self, request, extra_context=None):
        context = {"desk": newsroom_desk(request.user), **(extra_context or {})}
        return super().index(request, context)

    def admin_view(self, view, cacheable=False):
        """Wrap every admin page, each model admin's included, refusing hostile queries."""
        return super().admin_view(refusing_hostile_queries(view), cacheable)


def refusing_hostile_queries(view):
    """Return `view`, answering 400 to an overlong query value or a date beyond the calendar."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        values = (value for _, values in request.GET.lists() for value in values)
        if any(len(value) > MAX_QUERY_CHARS for value in values):
            return _bad_request(OVERLONG)
        try:
            response = view(request, *args, **kwargs)
            # Lists query as their template renders: render here, where the error is caught.
            if isinstance(response, SimpleTemplateResponse):
                response.render()
        except OverflowError:
            # A date filter such as 0001-01-01, moved into UTC, falls off the calendar; the
            # date filters of Django's own and third-party admins all read such values.
            transaction.set_rollback(True)
            return _bad_request(OUT_OF_RANGE)
        return response

    return guarded


def _bad_request(message: str) -> HttpResponseBadRequest:
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
