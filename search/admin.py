"""Let the admin's article search (and its autocomplete) use the search service."""

from django.contrib.admin.views.main import ORDER_VAR

from .service import search_articles


class SearchServiceAdminMixin:
    """Answer the admin's search box with the full-text service over the admin's queryset."""

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return super().get_search_results(request, queryset, search_term)
        # The queryset is the admin's own, so editors find drafts and scheduled articles too;
        # editors pick links from what they type, so the last word is completed.
        found = search_articles(search_term, queryset=queryset, complete_last_word=True).articles
        if ORDER_VAR in request.GET:
            # The editor sorted a column: keep the changelist's ordering, not relevance.
            found = found.order_by(*queryset.query.order_by)
        return found, False
