"""What a partner receives about an article: the public article, or only its id when gone.

Content is read as a reader without an account reads it (the API's own loaders and the one
visibility rule, Article.objects.published()): a draft or a scheduled article never leaves.
"""

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser

from articles.api.loading import article_queryset, shown_articles
from articles.api.ninjs import article_to_ninjs
from articles.api.representation import Addresses, article_data
from articles.api.serializers import ArticleDetailSerializer
from articles.models import Article
from events.models import OutboxEvent

from .enqueue import batch_memo
from .models import Endpoint

# The API's article JSON, as a reader's GET of the article shows it, less related coverage.
# A publication recorded this close to its publish time went out at once, not scheduled.
ANNOUNCED_WITHIN = timedelta(seconds=60)
ARTICLE_FIELDS = [name for name in ArticleDetailSerializer.Meta.fields if name != "related"]


def public_item(article_id: int, payload_format: str) -> dict | None:
    """Return the public article in `payload_format`, or None if readers cannot see it.

    The articles of the whole batch being delivered are read at the first call, in the few
    queries one of them would take.
    """
    memo = batch_memo()
    read = memo.get(("public", payload_format))
    if read is None or article_id not in read["asked"]:
        batch = {event.payload.get("article") for event in memo.get("events", ())}
        asked = ({article_id} | batch) - {None}
        read = {"asked": asked, "found": public_items(asked, payload_format)}
        memo[("public", payload_format)] = read
    return read["found"].get(article_id)


def public_items(article_ids, payload_format: str) -> dict[int, dict]:
    """Return the public ones of the articles, by id, in `payload_format`."""
    reader = AnonymousUser()
    if payload_format == Endpoint.Format.NINJS:
        articles = article_queryset(reader).filter(pk__in=article_ids)
        return {article.pk: article_to_ninjs(article) for article in articles}
    shown = shown_articles(reader, names=ARTICLE_FIELDS, many=False).filter(pk__in=article_ids)
    addresses = Addresses()
    return {article.pk: article_data(article, ARTICLE_FIELDS, addresses) for article in shown}


def article_event_data(payload: dict, payload_format: str) -> dict | None:
    """Return the data of an event about a public article, with it; None for any other.

    An event recorded while the article was not listed (a draft's edit) is not sent, even if
    the article is public by the time the worker reads it.
    """
    if payload.get("listed", True) is False:
        return None
    item = public_item(payload["article"], payload_format)
    return None if item is None else {"article": payload["article"], "item": item}


def leaving_data(payload: dict, payload_format: str) -> dict | None:
    """Return the data of an article leaving the public (its id); None if it was not listed."""
    return {"article": payload["article"]} if payload.get("was_listed") else None


def published_data(payload: dict, payload_format: str) -> dict | None:
    """Return the data of a publication, once: going live at once was announced already."""
    went_live = payload.get("was_listed")  # a publication itself is never "was listed"
    if went_live and announced_at_once(payload["article"]):
        return None
    return article_event_data(payload, payload_format)


def announced_at_once(article_id: int) -> bool:
    """Return True if the article's publication was recorded as article.published itself.

    The go-live sweep records every article whose time came, those published at once too;
    only a scheduled one's going live is news to a partner.
    """
    published_at = Article.objects.filter(pk=article_id).values_list("published_at", flat=True)
    published_at = published_at.first()
    if published_at is None:
        return True
    events = OutboxEvent.objects.filter(kind="article.published", payload__article=article_id)
    return events.filter(created_at__gte=published_at - ANNOUNCED_WITHIN).exists()
