"""API tokens: issued with the key shown once, stored as a hash, used within their scope."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.audit import record
from accounts.models import ApiToken, AuditAction

# How often a token's last use is written: a busy client must not write once a request.
LAST_USE_RESOLUTION = timedelta(minutes=1)


def hash_key(key: str) -> str:
    """Return the stored form of a key."""
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def issue_token(token: ApiToken, *, days: int | None = None, created_by=None) -> str:
    """Give the unsaved `token` (user, name and scope set) its key and save it.

    Return the key, which is never shown again; `days` defaults to API_TOKEN_DAYS.
    """
    days = settings.API_TOKEN_DAYS if days is None else days
    key = secrets.token_urlsafe(32)
    token.prefix, token.key_hash = key[:8], hash_key(key)
    token.expires_at = timezone.now() + timedelta(days=days) if days else None
    token.save()
    record(
        AuditAction.TOKEN_CREATED,
        actor=created_by,
        target=token,
        owner=token.user.get_username(),
        scope=token.scope,
    )
    return key


def new_token(user, *, name: str, scope: str, days: int | None = None) -> tuple[ApiToken, str]:
    """Issue a token to `user` (a command's or a test's door); return it and its key."""
    token = ApiToken(user=user, name=name, scope=scope)
    return token, issue_token(token, days=days)


@transaction.atomic
def revoke_token(*, token: ApiToken, revoked_by=None) -> None:
    """Revoke `token` now; a revoked token is refused from its next request on."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record(
            AuditAction.TOKEN_REVOKED,
            actor=revoked_by,
            target=token,
            owner=token.user.get_username(),
        )


def token_for_key(key: str) -> ApiToken | None:
    """Return the usable token with this key, its user loaded, or None."""
    return ApiToken.objects.usable().select_related("user").filter(key_hash=hash_key(key)).first()


def note_use(token: ApiToken, address: str | None) -> None:
    """Remember when and from where the token was last used, at most once a minute."""
    now = timezone.now()
    if (
        token.last_used_at
        and now - token.last_used_at < LAST_USE_RESOLUTION
        and (token.last_used_from == address)
    ):
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now, last_used_from=address)
