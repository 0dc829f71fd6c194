"""Admin sessions: ended after idleness, and everywhere at once on request."""

import time

from django.conf import settings
from django.utils import timezone

from accounts.audit import record
from accounts.models import AccountSecurity, AuditAction

SIGNED_IN_AT = "accounts_signed_in_at"
LAST_SEEN = "accounts_last_seen"
# The last-seen time is written at most this often, so a busy editor's session is not
# saved on every request.
LAST_SEEN_RESOLUTION = 60


def stamp_sign_in(request) -> None:
    """Mark the session with its sign-in time, to compare with a later sign-out everywhere."""
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN] = now


def is_expired(request) -> bool:
    """Return True if the session has been idle too long or was signed out everywhere."""
    session = request.session
    now = time.time()
    if now - session.get(LAST_SEEN, now) > settings.ADMIN_IDLE_MINUTES * 60:
        return True
    if now - session.get(LAST_SEEN, 0) > LAST_SEEN_RESOLUTION:
        session[LAST_SEEN] = now
    cutoff = (
        AccountSecurity.objects.filter(user=request.user)
        .values_list("signed_out_before", flat=True)
        .first()
    )
    return cutoff is not None and session.get(SIGNED_IN_AT, 0) < cutoff.timestamp()


def sign_out_everywhere(user, *, by) -> None:
    """End every session of `user` begun until now."""
    AccountSecurity.objects.update_or_create(
        user=user, defaults={"signed_out_before": timezone.now()}
    )
    record(AuditAction.SIGNED_OUT_EVERYWHERE, actor=by, target=user.get_username())
