"""The admin site: named after the newsroom, its front page the desk instead of the app list."""

from functools import wraps

from django.conf import settings
from django.contrib import admin
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db import connections, router, transaction
from django.http import HttpResponseBadRequest
from django.template.response import SimpleTemplateResponse

from articles.desk_lists import newsroom_desk
from events.dispatch import backlog_summary
from webhooks.services import disabled_endpoints

# The longest search, filter or paging value the admin reads. Its search boxes pass the
# words to the database as LIKE patterns, and SQLite refuses a pattern of more than 50,000
# bytes with an error that is not an outage; nothing an editor types comes near this.
MAX_QUERY_CHARS = 1000
OVERLONG = f"A search or filter of more than {MAX_QUERY_CHARS:,} characters is not allowed."
NO_SUCH_ROWS = "The selection names rows that cannot exist; choose them from the list."
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
        # Administrators (who may view the outbox) see whether changes reach readers.
        if request.user.has_perm("events.view_outboxevent"):
            context["outbox"] = backlog_summary()
        # Administrators (who may view endpoints) hear of a partner's endpoint disabled.
        if request.user.has_perm("webhooks.view_endpoint"):
            context["webhooks_disabled"] = list(disabled_endpoints()[:10])
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
        if not _selection_names_rows(view, request):
            return _bad_request(NO_SUCH_ROWS)
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


def _selection_names_rows(view, request) -> bool:
    """Return False if a bulk action's selection holds a value that cannot be a key.

    Django filters the list by the selection as sent, and a text where an id belongs fails
    that query with a 500 in every model admin, ours and those of the apps we install.
    """
    model_admin = getattr(view, "__self__", None)
    selected = (
        request.POST.getlist(helpers.ACTION_CHECKBOX_NAME) if request.method == "POST" else []
    )
    if not selected or not isinstance(model_admin, admin.ModelAdmin):
        return True
    key = model_admin.model._meta.pk
    low, high = _key_range(model_admin.model)
    try:
        keys = [key.get_prep_value(key.to_python(value)) for value in selected]
    except (ValidationError, ValueError, TypeError):
        return False
    return all(low <= value <= high for value in keys) if high is not None else True


def _key_range(model) -> tuple[int | None, int | None]:
    """Return the smallest and largest key the database stores, for an integer key."""
    operations = connections[router.db_for_read(model)].ops
    return operations.integer_field_ranges.get(model._meta.pk.get_internal_type(), (None, None))


def _bad_request(message: str) -> HttpResponseBadRequest:
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
