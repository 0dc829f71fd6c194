"""Use a client generated from the served schema as any integrator would, with no cast.

Run by tests/api/test_generated_client.py, with the generated `masthead_client` package on
the path and these variables: MASTHEAD_URL, MASTHEAD_TOKEN, MASTHEAD_TAGS (comma-separated
slugs) and MASTHEAD_EXPECTED (comma-separated ids of the articles carrying every tag, newest
first). mypy checks this file against the generated package before it runs.

Reads too go through an AuthenticatedClient: the schema says they need no credentials
(`security: [{}, ...]`, OpenAPI's "anonymous access is supported"), but openapi-python-client
0.29 types any operation with a security list as needing one (its issue 1372).
"""

import os

from masthead_client import AuthenticatedClient
from masthead_client.api.articles import (
    articles_list,
    articles_ninjs_retrieve,
    articles_partial_update,
    articles_retrieve,
)
from masthead_client.models import ArticleDetail, Ninjs, PaginatedArticleList
from masthead_client.models import PatchedArticleWriteRequest as Changes
from masthead_client.types import Unset

URL = os.environ["MASTHEAD_URL"]
TAGS = os.environ["MASTHEAD_TAGS"].split(",")
EXPECTED = [int(n) for n in os.environ["MASTHEAD_EXPECTED"].split(",")]


def list_every_page(client: AuthenticatedClient) -> list[int]:
    """Return the ids of the articles carrying every tag, one article per page, by cursor."""
    ids: list[int] = []
    cursor: str | None = ""  # empty: start paging by cursor
    while cursor is not None:
        page = articles_list.sync(client=client, tag=TAGS, cursor=cursor, page_size=1)
        assert isinstance(page, PaginatedArticleList), page
        ids += [article.id for article in page.results if isinstance(article.id, int)]
        cursor = page.next_cursor if isinstance(page.next_cursor, str) else None
    return ids


def read(client: AuthenticatedClient, article_id: int) -> tuple[ArticleDetail, str]:
    """Return an article and its ETag."""
    response = articles_retrieve.sync_detailed(client=client, id=article_id)
    assert isinstance(response.parsed, ArticleDetail), response.content
    return response.parsed, response.headers["ETag"]


def main() -> None:
    client = AuthenticatedClient(
        base_url=URL, token=os.environ["MASTHEAD_TOKEN"], prefix="Token",
        raise_on_unexpected_status=True,
    )  # fmt: skip
    ids = list_every_page(client)
    assert ids == EXPECTED, (ids, EXPECTED)

    article, etag = read(client, ids[0])
    assert not isinstance(article.tags, Unset)
    assert sorted(tag.slug for tag in article.tags if isinstance(tag.slug, str)) == sorted(TAGS)
    assert not isinstance(article.related, Unset)
    assert all(isinstance(item.headline, str) for item in article.related)
    item = articles_ninjs_retrieve.sync(client=client, id=ids[0])
    assert isinstance(item, Ninjs) and item.headlines[0].value == article.headline

    changed = articles_partial_update.sync(
        client=client, id=ids[0], body=Changes(headline="Changed by a client"), if_match=etag
    )
    assert isinstance(changed, ArticleDetail), changed
    assert changed.headline == "Changed by a client"
    print("ok")


if __name__ == "__main__":
    main()
