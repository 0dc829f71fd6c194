"""Validators for conditional requests: ETag, Last-Modified, If-Match.

A record with a version counter (`pk`, `version`, `updated_at`) gets an ETag of its own;
any other representation is tagged by a hash of its body.
"""

import hashlib
import logging
from datetime import datetime

from django.core.cache import cache
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_etags
from rest_framework import status
from rest_framework.exceptions import APIException

logger = logging.getLogger(__name__)

# How long the cache remembers when a representation was first served.
FIRST_SEEN_SECONDS = 60 * 60 * 24 * 30


class PreconditionRequired(APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = "Send If-Match with the article's current ETag (GET it first)."
    default_code = "precondition_required"


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The article has changed since you read it; GET it again and retry."
    default_code = "precondition_failed"


def version_etag(record) -> str:
    """Return the weak ETag of a versioned record's current version."""
    stamp = int(record.updated_at.timestamp() * 1_000_000)
    return f'W/"{record.pk}-{record.version}-{stamp}"'


def body_etag(content: bytes) -> str:
    """Return a weak ETag hashed from a rendered response body."""
    return f'W/"{hashlib.sha256(content).hexdigest()[:32]}"'


def first_seen(etag: str) -> datetime:
    """Return when this representation was first served, remembering now if it is new."""
    # A representation without a timestamp of its own is "modified" when it first appears;
    # if the cache forgets (or fails), the date moves forward and clients merely re-download.
    try:
        return cache.get_or_set(f"api-first-seen:{etag}", timezone.now(), FIRST_SEEN_SECONDS)
    except Exception:
        logger.warning("The cache is unavailable; %s is dated now", etag, exc_info=True)
        return timezone.now()


def opaque(tag: str) -> str:
    """Return an entity tag without its weak prefix, for comparing versions."""
    return tag.removeprefix("W/")


def check_if_match(request, record, *, version_required: bool = True) -> None:
    """Refuse a write to a versioned record without If-Match (428) or with a stale one (412).

    Where a version is required, `If-Match: *` ("whatever it is now") names none: a 428.
    """
    header = request.headers.get("If-Match")
    if not header:
        raise PreconditionRequired()
    if header.strip() == "*":
        if version_required:
            raise PreconditionRequired(
                "If-Match: * names no version; send the article's ETag (GET it first)."
            )
        return
    current = opaque(version_etag(record))
    if current not in {opaque(tag) for tag in parse_etags(header)}:
        raise PreconditionFailed()


def conditional_response(request, response, *, etag: str, last_modified: datetime):
    """Add the validators to a GET response and answer 304 when the client is current."""
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified.timestamp())
    return get_conditional_response(
        request, etag=etag, last_modified=int(last_modified.timestamp()), response=response
    )
