"""Article lists: numbered pages, or a cursor over publish time for deep paging."""

from core.api.pagination import CursorPages, NumberedOrCursorPages


class ArticleCursorPages(CursorPages):
    ordering = ("-sort_time", "-pk")

    def get_ordering(self, request, queryset, view):
        if request.query_params.get("order-by") == "oldest":
            return ("sort_time", "pk")
        return self.ordering


class ArticlePages(NumberedOrCursorPages):
    """Number pages by default; switch to a cursor over publish time with `cursor`."""

    cursor_class = ArticleCursorPages
