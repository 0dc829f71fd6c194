"""The second-factor pages (verify, enrol, the account's security page) and security.txt."""

from base64 import b32encode
from datetime import UTC, timedelta

import segno
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts import sessions, twofactor
from core.lockout import locked_out


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text="The six digits your authenticator app shows, or one of your recovery codes.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


class FirstCodeForm(CodeForm):
    code = forms.CharField(
        label="Code from the app",
        max_length=20,
        help_text="After adding the key, type the six digits the app shows.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def render_page(request, template: str, context: dict):
    """Render an account page inside the admin's frame (header, user links, sign out)."""
    return render(request, template, {**admin.site.each_context(request), **context})


def next_url(request) -> str:
    """Return the safe address to go on to after the second factor, else the desk."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if safe else reverse("admin:index")


@never_cache
@staff_member_required
def verify(request):
    """Ask a signed-in account for its second factor: a code, a recovery code or a passkey."""
    user = request.user
    if twofactor.is_satisfied(request):
        return redirect(next_url(request))
    if not twofactor.has_devices(user):
        return redirect(f"{reverse('accounts:enrol')}?next={next_url(request)}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.verify_code(request, form.cleaned_data["code"]):
            return redirect(next_url(request))
        if twofactor.is_locked_out(request):
            response = locked_out(request, credentials={"username": user.get_username()})
            logout(request)
            return response
        form.add_error("code", "That code is not right. Try the newest code the app shows.")
    context = {
        "form": form,
        "next": next_url(request),
        "has_passkey": twofactor.has_passkey(user),
        "title": "Confirm it is you",
    }
    return render_page(request, "accounts/verify.html", context)


@never_cache
@staff_member_required
def enrol(request):
    """Set up a second factor: an authenticator app (with recovery codes) or a passkey."""
    user = request.user
    if twofactor.has_devices(user) and not user.is_verified():
        return redirect(f"{reverse('accounts:verify')}?next={next_url(request)}")
    device = twofactor.pending_totp(user)
    form = FirstCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.confirm_totp(request, device, form.cleaned_data["code"]):
            return show_recovery_codes(request, twofactor.new_recovery_codes(user))
        form.add_error("code", "That code is not right. Check the app's clock, then try again.")
    context = {
        "form": form,
        "next": next_url(request),
        "secret": _spaced(device.bin_key),
        "qr_code": segno.make(device.config_url, error="m").svg_data_uri(scale=4),
        "required": twofactor.is_required(user),
        "title": "Set up two-factor sign-in",
    }
    return render_page(request, "accounts/enrol.html", context)


def show_recovery_codes(request, codes: list[str]):
    context = {"codes": codes, "next": next_url(request), "title": "Your recovery codes"}
    return render_page(request, "accounts/recovery_codes.html", context)


@never_cache
@staff_member_required
def security(request):
    """The account's own security page: its factors, recovery codes and signing out."""
    user = request.user
    context = {
        "title": "Your sign-in security",
        "devices": twofactor.describe_devices(user),
        "required": twofactor.is_required(user),
        "idle_minutes": settings.ADMIN_IDLE_MINUTES,
        "tokens_url": reverse("admin:accounts_apitoken_changelist"),
    }
    return render_page(request, "accounts/security.html", context)


@require_POST
@staff_member_required
def recovery_codes(request):
    """Replace the account's recovery codes, shown once."""
    if not twofactor.has_devices(request.user):
        messages.error(request, "Set up an authenticator app or a passkey first.")
        return redirect("accounts:security")
    return show_recovery_codes(request, twofactor.new_recovery_codes(request.user))


@require_POST
@staff_member_required
def sign_out_everywhere(request):
    """End every session of the signed-in account, this one included."""
    sessions.sign_out_everywhere(request.user, by=request.user)
    logout(request)
    messages.success(request, "You were signed out on every device.")
    return redirect("admin:login")


@require_GET
def security_txt(request):
    """/.well-known/security.txt (RFC 9116, section 2.5) from the SECURITY_TXT_* settings."""
    expires = timezone.now() + timedelta(days=settings.SECURITY_TXT_EXPIRES_DAYS)
    lines = [f"Contact: {contact}" for contact in settings.SECURITY_TXT_CONTACTS]
    lines.append(f"Expires: {expires.astimezone(UTC):%Y-%m-%dT%H:%M:%S}Z")
    if settings.SECURITY_TXT_POLICY:
        lines.append(f"Policy: {settings.SECURITY_TXT_POLICY}")
    lines.append(f"Preferred-Languages: {settings.SECURITY_TXT_LANGUAGES}")
    lines.append(f"Canonical: {settings.SITE_URL.rstrip('/')}/.well-known/security.txt")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def _spaced(key: bytes) -> str:
    """Return a key in base32, in groups of four, for typing into an app by hand."""
    secret = b32encode(key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
