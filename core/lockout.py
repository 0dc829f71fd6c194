"""The page a locked-out sign-in gets from django-axes, and its admin of sign-in attempts."""

from axes import admin as axes_admin
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.contrib import admin
from django.shortcuts import render


def locked_out(request, original_response=None, credentials=None):
    """Return a 429 page saying why signing in is paused, for how long and who can unlock."""
    cool_off = get_cool_off(request)
    context = {
        "username": get_client_username(request, credentials) or "",
        "failure_limit": get_failure_limit(request, credentials),
        "minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
    }
    return render(request, "registration/locked_out.html", context, status=429)


class AccessAttemptAdmin(axes_admin.AccessAttemptAdmin):
    """django-axes's admin of sign-in attempts, with its clean-up action working."""

    @admin.action(description="Clean up expired attempts")
    def cleanup_expired_attempts(self, request, queryset):
        # The handler reads the attempt's time from the request, which django-axes only
        # stamps on sign-in requests: without it the action failed with a 500.
        AxesProxyHandler.update_request(request)
        return super().cleanup_expired_attempts(request, queryset)


def register_admin(site) -> None:
    """Put the working AccessAttemptAdmin in place of django-axes's own."""
    if site.is_registered(AccessAttempt):
        site.unregister(AccessAttempt)
    site.register(AccessAttempt, AccessAttemptAdmin)
