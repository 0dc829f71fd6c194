"""Reading pages as an anonymous reader, and the pages that show an article."""

from django.urls import reverse


def urls_showing(article) -> list[str]:
    """Return every public page and API response that shows the article's headline."""
    byline = article.bylines.get().person
    mention = article.mentions.get().person
    tag = article.tags.get()
    return [
        article.get_absolute_url(),
        reverse("articles:home"),
        article.section.get_absolute_url(),
        reverse("articles:tag", kwargs={"slug": tag.slug}),
        reverse("people:detail", kwargs={"slug": byline.slug}),
        reverse("people:detail", kwargs={"slug": mention.slug}),
        reverse("articles:feed-latest"),
        reverse("articles:feed-section", kwargs={"slug": article.section.slug}),
        reverse("articles:feed-tag", kwargs={"slug": tag.slug}),
        reverse("articles:news-sitemap"),
        reverse("search:search") + "?q=ferries",
        reverse("api:article-list"),
        reverse("api:article-detail", kwargs={"pk": article.pk}),
    ]


def cache(client, urls: list[str]) -> None:
    """Read each URL twice, checking that the second answer came from the cache."""
    for url in urls:
        client.get(url)
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["X-Page-Cache"] == "hit", url


def text(client, url: str) -> str:
    """Return what an anonymous reader is sent for `url` once a change is rendered, as text.

    The first reader after a change may get the copy before it: the page is rendered afresh
    after that answer (the test client closes each response as a server does), so the next
    reader gets the change, from the cache.
    """
    response = client.get(url)
    if response.get("X-Page-Cache") == "stale":
        response = client.get(url)
        assert response["X-Page-Cache"] == "hit", url
    return response.content.decode()
