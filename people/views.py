"""Public person pages."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from articles.models import Article

from .models import Person


def person_detail(request, slug):
    """Show who a person is and the published articles that mention them."""
    person = get_object_or_404(Person, slug=slug)
    articles = Article.objects.published().mentioning(person).for_listing().newest_first()
    page = Paginator(articles, 20).get_page(request.GET.get("page"))
    return render(request, "people/person_detail.html", {"person": person, "page": page})
