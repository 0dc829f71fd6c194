"""The audit log's one write path, and who is acting in the current request."""

from contextvars import ContextVar
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from accounts.models import AuditAction, AuditEntry
from core.addresses import client_address

# The request being served, set by accounts.middleware.AuditContextMiddleware, so that a
# receiver (a group change, a workflow event) can name who acted and from where.
current_request: ContextVar = ContextVar("current_request", default=None)


def record(
    action: AuditAction, *, actor=None, actor_name: str = "", target="", request=None, **details
) -> AuditEntry:
    """Add one entry to the audit log; `request` (else the current one) gives the address."""
    request = request or current_request.get()
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        actor = user if user is not None and user.is_authenticated else None
    return AuditEntry.objects.create(
        action=action,
        actor=actor,
        actor_name=actor_name or (actor.get_username() if actor else ""),
        target=str(target)[:300],
        address=client_address(request) if request is not None else None,
        details=details,
    )


def prune(now=None) -> int:
    """Delete the entries older than AUDIT_LOG_DAYS; return how many went."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.AUDIT_LOG_DAYS)
    deleted, _ = AuditEntry.objects.filter(at__lt=cutoff).delete()
    return deleted
