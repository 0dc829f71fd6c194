"""Per request: who is acting (for the audit log), idle and revoked sessions, the second factor."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse

from accounts import sessions, twofactor
from accounts.audit import current_request


class AuditContextMiddleware:
    """Let the audit log's receivers know the request they are heard in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)


class StaffSessionMiddleware:
    """End idle or revoked staff sessions, and hold back anyone owing a second factor.

    Someone who signed in with a password but still owes a second factor may open only
    the pages that take it (and sign out): any other admin page sends them there, and
    everywhere else (the API's session sign-in included) they count as signed out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.is_staff:
            if sessions.is_expired(request):
                logout(request)
                messages.info(request, "You were signed out. Please sign in again.")
                return redirect(f"{reverse('admin:login')}?{urlencode({'next': request.path})}")
            if not twofactor.is_satisfied(request):
                return self.hold_back(request)
        return self.get_response(request)

    def hold_back(self, request):
        if self.takes_second_factor(request.path):
            return self.get_response(request)
        if request.path.startswith(reverse("admin:index")):
            wanted = "accounts:verify" if twofactor.has_devices(request.user) else "accounts:enrol"
            return redirect(f"{reverse(wanted)}?{urlencode({'next': request.get_full_path()})}")
        request.user = AnonymousUser()
        return self.get_response(request)

    @staticmethod
    def takes_second_factor(path: str) -> bool:
        """Return True for the pages that take a second factor, and signing out."""
        open_paths = (
            reverse("accounts:verify"),
            reverse("accounts:enrol"),
            reverse("admin:logout"),
            reverse("admin:jsi18n"),
            "/admin/account/webauthn/",
        )
        return path.startswith(open_paths)
