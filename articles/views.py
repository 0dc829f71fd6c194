"""Public pages: thin views over the published() QuerySet."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from .models import Article, Section, Tag

PAGE_SIZE = 20


def home(request):
    """Show the latest published articles."""
    latest = Article.objects.published().for_listing().newest_first()[:PAGE_SIZE]
    return render(request, "articles/home.html", {"articles": latest})


def section_detail(request, slug):
    """Show a section's latest articles, its subsections' included."""
    section = get_object_or_404(Section.objects.with_ancestors(), slug=slug)
    articles = Article.objects.published().in_section(section).for_listing().newest_first()
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "articles/section_detail.html", {"section": section, "page": page})


def tag_detail(request, slug):
    """Show a topic and its articles."""
    tag = get_object_or_404(Tag, slug=slug)
    articles = Article.objects.published().tagged(tag).for_listing().newest_first()
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "articles/tag_detail.html", {"tag": tag, "page": page})


def article_detail(request, section, pk, slug):
    """Show one published article; an outdated URL redirects to the canonical one."""
    queryset = Article.objects.published().select_related("section__parent__parent")
    article = get_object_or_404(queryset, pk=pk)
    if (section, slug) != (article.section.slug, article.slug):
        return redirect(article, permanent=True)
    return render(request, "articles/article_detail.html", {"article": article})
