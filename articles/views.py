"""Public pages: thin views over the published() QuerySet and the selectors."""

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from core.moved import get_or_moved
from core.paging import LeanPage, lean_page
from core.site import site_root
from fronts.selectors import curated_articles

from . import pages, selectors
from .kept import kept_lists
from .models import Article, Section, Tag
from .story import published_story

# Public pages only read, so they skip ATOMIC_REQUESTS: no transaction round-trips and, on
# SQLite, no write lock taken by a reader (see @transaction.non_atomic_requests below).
PAGE_SIZE = 20
NEWS_SITEMAP_DAYS = 2
# The icons a browser may install the site with: (static path, pixels), all PNG squares.
APP_ICONS = [("icons/icon-192.png", 192), ("icons/icon-512.png", 512)]
BRAND_COLOUR = "#0b4f8a"  # --accent in static/css/site.css


def paginate(request, queryset, param: str = "page") -> LeanPage:
    """Return the requested page of `queryset`; a page past the end or not a number is a 404."""
    return lean_page(queryset, request.GET.get(param), PAGE_SIZE)


@transaction.non_atomic_requests
@require_safe
def home(request):
    """Show the editors' front (or the newest), the latest, and each top-level section's."""

    def lists() -> dict:
        top, fronts = selectors.home_fronts(curated_articles())
        return {"top": top, "fronts": fronts}

    kept = kept_lists(request, "home", (), "articles/home_lists.html", lists)
    return render(request, "articles/home.html", {"lists": kept})


@transaction.non_atomic_requests
@require_safe
def section_detail(request, slug):
    """Show a section's latest articles, its subsections' included."""
    section = get_or_moved(Section.objects.with_ancestors(), slug)

    def lists() -> dict:
        newest = Article.objects.published().in_section(section).newest_first()
        # The top (the editors' front, else the newest) is read on every page, so that no
        # page of the list below repeats a story it shows.
        top = selectors.front_top(curated_articles(section), newest, latest=0)
        page = paginate(request, newest.exclude(pk__in=top.shown_ids).cards())
        return {"top": top if page.number == 1 and top.lead else None, "page": page}

    identity = (section.pk, request.META.get("QUERY_STRING", ""))
    context = {
        "section": section,
        "current_section_root": section.path[0],
        "subsections": list(section.children.all()),
        "lists": kept_lists(request, "section", identity, "articles/section_lists.html", lists),
    }
    return render(request, "articles/section_detail.html", context)


@transaction.non_atomic_requests
@require_safe
def tag_detail(request, slug):
    """Show a topic and its articles."""
    tag = get_or_moved(Tag.objects.public(), slug)
    articles = Article.objects.published().tagged(tag).cards().with_lead_picture().newest_first()
    context = {"tag": tag, "page": paginate(request, articles)}
    return render(request, "articles/tag_detail.html", context)


@transaction.non_atomic_requests
@require_safe
def article_detail(request, section, pk, slug):
    """Show one published article; an outdated URL redirects to the canonical one."""
    article = selectors.published_article_for_page(pk)
    if article is None:
        return _missing_article(request, pk)
    if (section, slug) != (article.section.slug, article.slug):
        return redirect(article, permanent=True)
    special = pages.view_for(article)
    if special is not None:
        return special(request, article)
    story = published_story(article)

    def lists() -> dict:
        coverage = selectors.related_coverage(article, ties=story.ranking_ties())
        return {"article": article, **coverage}

    identity = (article.pk, article.created_at, article.version)
    template, shows = "articles/article_lists.html", (article, article.section)
    kept = kept_lists(request, "beside", identity, template, lists, shows=shows)
    context = {
        "article": article,
        "story": story,
        "current_section_root": article.section.path[0],
        "lists": kept,
    }
    return render(request, "articles/article_detail.html", context)


def _missing_article(request, pk):
    """Answer 410 for an article taken down, 404 for anything else not public."""
    if Article.objects.filter(pk=pk, status=Article.Status.UNPUBLISHED).exists():
        return render(request, "410.html", status=410)
    raise Http404("No such article.")


@transaction.non_atomic_requests
@require_safe
def archive_index(request):
    """Show the years and months that have articles, newest first."""
    return render(request, "articles/archive_index.html", {"years": selectors.archive_years()})


@transaction.non_atomic_requests
@require_safe
def archive_month(request, year, month):
    """Show the articles published in one month, newest first, linking months that have any."""
    if not (1 <= month <= 12 and 1900 <= year <= 9998):
        raise Http404("No such month.")
    if date(year, month, 1) > timezone.localdate():
        raise Http404("That month has not come yet.")
    start, end = selectors.month_range(year, month)
    articles = selectors.in_range(Q(published_at__gte=start, published_at__lt=end))
    previous_month, next_month = selectors.neighbour_months(start, end)
    context = {
        "month": date(year, month, 1),
        "previous_month": previous_month,
        "next_month": next_month,
        "page": paginate(request, articles.cards().with_lead_picture().newest_first()),
    }
    return render(request, "articles/archive_month.html", context)


def page_not_found(request, exception):
    """Answer 404 with the search box and the latest stories, so a reader can go on."""
    context = {"latest": selectors.latest_headlines()}
    return render(request, "404.html", context, status=404)


@transaction.non_atomic_requests
@require_safe
def news_sitemap(request):
    """Render the Google News sitemap of the articles published in the last two days."""
    since = timezone.now() - timedelta(days=NEWS_SITEMAP_DAYS)
    articles = (
        Article.objects.published()
        .filter(published_at__gte=since)
        .select_related("section")
        .prefetch_related("tagged_items__tag")
        .newest_first()[:1000]
    )
    context = {"articles": articles, "site_url": site_root()}
    return render(request, "sitemaps/news.xml", context, content_type="application/xml")


@transaction.non_atomic_requests
@require_safe
def robots_txt(request):
    """Announce the sitemaps and keep crawlers out of the admin and the API."""
    base = site_root()
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "",
        f"Sitemap: {base}{reverse('articles:sitemap')}",
        f"Sitemap: {base}{reverse('articles:news-sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def web_manifest(request):
    """Describe the site to browsers that add it to a home screen: name, colours and icons."""
    manifest = {
        "name": settings.SITE_NAME,
        "short_name": settings.SITE_NAME,
        "start_url": "/",
        "display": "minimal-ui",
        "background_color": "#ffffff",
        "theme_color": BRAND_COLOUR,
        "icons": [
            {"src": static(path), "sizes": f"{size}x{size}", "type": "image/png"}
            for path, size in APP_ICONS
        ],
    }
    return JsonResponse(manifest, content_type="application/manifest+json")


@require_safe
def favicon(request):
    """Send the browsers and feed readers that ask for /favicon.ico to the site's icon."""
    return redirect(static("icons/favicon-32.png"), permanent=True)
