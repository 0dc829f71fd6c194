"""Public person pages."""

from django.db import transaction
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from articles.kept import kept_lists
from articles.models import Article
from core.moved import raise_moved_or_missing
from core.paging import lean_page

from .models import Person

PAGE_SIZE = 20


@transaction.non_atomic_requests
@require_safe
def person_detail(request, slug):
    """Show who a person is, what they wrote for us and the articles that mention them.

    Only a person named in a public article has a page. That is checked where the lists are
    rendered (and kept while nothing they show changes: an article leaving the public bumps
    its people's lists), not on every request, where the check's nested EXISTS costs more to
    plan than the rest of the page.
    """
    public = Article.objects.published()
    people = Person.objects.select_related("picture").prefetch_related(
        "affiliations", "picture__renditions"
    )
    person = people.filter(slug=slug).first()
    if person is None:  # a former slug, pointed on only for a person with a page
        raise_moved_or_missing(Person.objects.named_in(public), slug)

    def lists() -> dict:
        cards = public.cards().with_lead_picture().newest_first()
        written = _page(request, cards.by_author(person), "page") if person.is_contributor else None
        mentioned = _page(request, cards.mentioning(person), "mentions_page")
        if not (written or mentioned) and not _named_in(public, person):
            raise Http404("No such person.")
        return {"person": person, "written": written, "mentioned": mentioned}

    identity = (person.pk, request.META.get("QUERY_STRING", ""))
    kept = kept_lists(
        request, "person", identity, "people/person_lists.html", lists, shows=(person,)
    )
    return render(request, "people/person_detail.html", {"person": person, "lists": kept})


def _named_in(public, person: Person) -> bool:
    return Person.objects.named_in(public).filter(pk=person.pk).exists()


def _page(request, queryset, param: str):
    """Return the page of `queryset` named by the query parameter `param`."""
    return lean_page(queryset, request.GET.get(param), PAGE_SIZE)
