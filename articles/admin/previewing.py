"""The Preview page: the article as readers will see it, its social card, its search snippet."""

from csp.decorators import csp_replace
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.text import Truncator
from django.views.decorators.clickjacking import xframe_options_sameorigin

from articles import preview
from articles.models import Article
from articles.selectors import article_for_page
from articles.seo import lead_image, share_card
from images.templatetags.pictures import lead_image_url

# What search engines show before cutting a title or a description short.
SNIPPET_TITLE = 60
SNIPPET_DESCRIPTION = 160


def search_snippet(card: dict) -> dict:
    """Return the title, address and description a search result would show for `card`."""
    return {
        "title": Truncator(card["title"]).chars(SNIPPET_TITLE),
        "title_cut": len(card["title"]) > SNIPPET_TITLE,
        "address": card["url"].split("://", 1)[-1].replace("/", " › ").strip(" ›"),
        "description": Truncator(card["description"]).chars(SNIPPET_DESCRIPTION),
    }


# The reader's view is shown in a frame of the Preview page, on this site only.
FRAMED_BY_OUR_PAGES = csp_replace({"frame-ancestors": ["'self'"]})


class ArticlePreviewMixin:
    """Add the Preview page (reader's view, social card, search snippet) and View on site."""

    def view_on_site(self, article: Article) -> str | None:
        """Offer "View on site" only for an article readers can open now."""
        return article.get_absolute_url() if article.is_public else None

    def preview_urls(self) -> list:
        """Return the Preview page and its reader's view, for ArticleAdmin.get_urls()."""
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/preview/",
                view(self.form_preview_view),
                name=f"{name}_form_preview",
            ),
            path(
                "<path:object_id>/preview/page/",
                view(xframe_options_sameorigin(FRAMED_BY_OUR_PAGES(self.reader_view))),
                name=f"{name}_reader_view",
            ),
        ]

    def _page_article(self, request, object_id) -> Article:
        article = self._article_or_404(request, object_id)
        found = article_for_page(Article.objects.filter(pk=article.pk), article.pk)
        if found is None:
            raise Http404("No such article.")
        return found

    def form_preview_view(self, request, object_id):
        article = self._page_article(request, object_id)
        card = share_card(article)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Preview: {article}",
            "article": article,
            "original": article,
            "card": card,
            # The card's og:image is the public address; the page shows it from this server.
            "card_image": lead_image_url(lead_image(article)),
            "snippet": search_snippet(card),
            "is_public": article.is_public,
        }
        return TemplateResponse(request, "admin/articles/article/form_preview.html", context)

    def reader_view(self, request, object_id):
        return preview.render_article(request, self._page_article(request, object_id))
