"""Admin sessions: ended after idleness, and everywhere at once on request."""

import time

from django.conf import settings
from django.contrib.sessions.models import Session
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
    """Return True if the session has been idle too long or was signed out everywhere.

    Both are read once a minute at most (when the last-seen time is written), so a busy
    page costs no query for them; signing out everywhere also deletes the sessions at once.
    """
    session = request.session
    now = time.time()
    if now - session.get(LAST_SEEN, now) > settings.ADMIN_IDLE_MINUTES * 60:
        return True
    if now - session.get(LAST_SEEN, 0) <= LAST_SEEN_RESOLUTION:
        return False
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
    _delete_stored_sessions(user)
    record(AuditAction.SIGNED_OUT_EVERYWHERE, actor=by, target=user.get_username())


def _delete_stored_sessions(user) -> None:
    """Delete the user's sessions kept in the database (the default session engine).

    Other engines keep sessions where they cannot be listed; for them the cutoff above ends
    each session within a minute.
    """
    if settings.SESSION_ENGINE != "django.contrib.sessions.backends.db":
        return
    owner = str(user.pk)
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == owner:
            session.delete()
