"""Page-number pagination without counts, switching to cursor pagination through `?cursor=`."""

from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404
from rest_framework import exceptions
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination, PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from core.paging import lean_page

MAX_PAGE_SIZE = 100


class StrictPageSize:
    """Refuse a page size that is not a whole number from 1; a bigger one than allowed is cut."""

    page_size: int
    page_size_query_param: str
    max_page_size: int

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not (raw.isascii() and raw.isdigit() and int(raw) >= 1):
            # DRF would quietly fall back to the default size: the client would never know.
            message = f"A whole number from 1 (at most {self.max_page_size} are given)."
            raise exceptions.ValidationError({self.page_size_query_param: [message]})
        return min(int(raw), self.max_page_size)


class NumberedPages(StrictPageSize, PageNumberPagination):
    """Numbered pages that never count the collection: one row past the page says if more follow.

    Counting every match costs a scan of the whole archive on each request; a client paging
    through needs only to know whether there is a next page (core.paging, as the pages do).
    """

    page_size = 20
    page_size_query_param = "page-size"
    max_page_size = MAX_PAGE_SIZE
    template = "rest_framework/pagination/previous_and_next.html"

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.refuse_ambiguous_paging(request.query_params)
        size = self.get_page_size(request)
        value = request.query_params.get(self.page_query_param)
        try:
            self.page = lean_page(queryset, value, size)
        except Http404 as error:
            raise NotFound(self.invalid_page_message) from error
        self.display_page_controls = self.page.has_other_pages()
        return self.page.object_list

    def refuse_ambiguous_paging(self, params) -> None:
        """Refuse a paging parameter given twice, or a page number beside a cursor (400).

        Either would be read one way here and maybe another by a cache or a proxy, and a
        page number beside a cursor would be carried, unread, into every `next` link.
        """
        cursor = getattr(self, "cursor_query_param", None)
        names = [self.page_query_param, self.page_size_query_param, *([cursor] if cursor else [])]
        repeated = {name: ["Give it once."] for name in names if len(params.getlist(name)) > 1}
        if repeated:
            raise exceptions.ValidationError(repeated)
        if cursor in params and self.page_query_param in params:
            message = f"Page by `{self.page_query_param}` or by `{cursor}`, not both."
            raise exceptions.ValidationError({self.page_query_param: [message]})

    def get_next_link(self):
        if not self.page.has_next:
            return None
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.page_query_param, self.page.next_page_number())

    def get_previous_link(self):
        if not self.page.has_previous():
            return None
        url = self.request.build_absolute_uri()
        if self.page.number == 2:
            return remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.page_query_param, self.page.previous_page_number())

    def get_paginated_response(self, data):
        return Response(
            {"next": self.get_next_link(), "previous": self.get_previous_link(), "results": data}
        )

    def get_html_context(self):
        return {"previous_url": self.get_previous_link(), "next_url": self.get_next_link()}

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "nullable": True, "format": "uri"}
        return {
            "type": "object",
            "required": ["results"],
            "properties": {
                "next": {
                    **link,
                    "description": "The next page, null on the last.",
                    "example": f"https://example.org/api/v1/articles/?{self.page_query_param}=4",
                },
                "previous": {
                    **link,
                    "description": "The previous page, null on the first.",
                    "example": f"https://example.org/api/v1/articles/?{self.page_query_param}=2",
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
        return parameters


class CursorPages(StrictPageSize, CursorPagination):
    """Cursor pages whose cursors are signed: a cursor the API did not give is a 404.

    DRF's cursors are only base64, so a client could write its own position or offset and
    have it believed; signing makes them opaque in fact, not just in name.
    """

    page_size = 20
    page_size_query_param = "page-size"
    max_page_size = MAX_PAGE_SIZE
    signer = signing.Signer(salt="core.api.pagination.cursor")

    def decode_cursor(self, request):
        given = request.query_params.get(self.cursor_query_param)
        if not given:
            return None  # `cursor=` empty: the first page
        try:
            encoded = self.signer.unsign(given)
        except signing.BadSignature as error:
            raise NotFound(self.invalid_cursor_message) from error
        return super().decode_cursor(
            SimpleNamespace(query_params={self.cursor_query_param: encoded})
        )

    def encode_cursor(self, cursor):
        url = super().encode_cursor(cursor)
        encoded = cursor_of(url, self.cursor_query_param)
        return replace_query_param(url, self.cursor_query_param, self.signer.sign(encoded))

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except (ValidationError, ValueError, TypeError, OverflowError) as error:
            # A cursor is opaque but not signed: one whose position the ordering field
            # cannot hold (a forged "p=2024") is an invalid cursor, like a garbled one.
            raise NotFound(self.invalid_cursor_message) from error

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        # The cursors on their own too, so that a client passes them back as `cursor`.
        response.data["next_cursor"] = cursor_of(response.data["next"], self.cursor_query_param)
        response.data["previous_cursor"] = cursor_of(
            response.data["previous"], self.cursor_query_param
        )
        return response


def cursor_of(link: str | None, name: str) -> str | None:
    """Return the cursor carried by a page link, or None."""
    if not link:
        return None
    return parse_qs(urlsplit(link).query).get(name, [None])[0]


class NumberedOrCursorPages(NumberedPages):
    """Number pages by default; switch to an opaque cursor when `cursor` is in the query."""

    cursor_query_param = "cursor"
    cursor_class: type[CursorPages] = CursorPages

    def paginate_queryset(self, queryset, request, view=None):
        self.cursor = None
        self.refuse_ambiguous_paging(request.query_params)
        if self.cursor_query_param in request.query_params:
            self.cursor = self.cursor_class()
            return self.cursor.paginate_queryset(queryset, request, view)
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        if self.cursor is not None:
            return self.cursor.get_paginated_response(data)
        return super().get_paginated_response(data)

    def get_paginated_response_schema(self, schema):
        paged = super().get_paginated_response_schema(schema)
        cursor = {"type": "string", "nullable": True}
        paged["properties"]["next_cursor"] = {
            **cursor,
            "description": "Cursor mode only: the next page's `cursor`, null on the last.",
        }
        paged["properties"]["previous_cursor"] = {
            **cursor,
            "description": "Cursor mode only: the previous page's `cursor`.",
        }
        return paged

    def get_schema_operation_parameters(self, view):
        cursor = {
            "name": self.cursor_query_param,
            "required": False,
            "in": "query",
            "description": (
                "Cursor pagination: send it empty to start, then send `next_cursor` "
                "(or follow `next`)."
            ),
            "schema": {"type": "string"},
        }
        return [*super().get_schema_operation_parameters(view), cursor]
