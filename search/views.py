"""The readers' search page."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .forms import SearchForm
from .service import answer, search_articles

PAGE_SIZE = 20


@require_safe
def search(request):
    """Show published articles matching the reader's words, best match first, with facets."""
    form = SearchForm(request.GET or None)
    context = {"form": form, "page": None, "results": None}
    if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
        found = answer(form.cleaned_data["q"], **form.search_arguments())
        results = found.results
        # Page through the ranked ids; only the shown page's articles are loaded.
        page = Paginator(results.ids, PAGE_SIZE).get_page(request.GET.get("page"))
        page.object_list = results.highlight(results.fetch(page.object_list))
        context.update(answer=found, results=results, page=page, facets=found.facets())
        if not page.paginator.count and form.has_filters():
            # Worth one extra query: tell the reader whether the filters hid every match.
            everywhere = search_articles(form.cleaned_data["q"]).articles
            context["unfiltered_count"] = everywhere.count()
    return render(request, "search/search.html", context)
