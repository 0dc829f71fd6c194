"""Let the admin's article search (and its autocomplete) use the search service."""

from .service import search_articles


class SearchServiceAdminMixin:
    """Answer the admin's search box with the full-text service over the admin's queryset."""

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return super().get_search_results(request, queryset, search_term)
        # The queryset is the admin's own, so editors find drafts and scheduled articles too.
        return search_articles(search_term, queryset=queryset).articles, False
