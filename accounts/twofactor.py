"""Who must sign in with a second factor, which factors they have, and checking a code."""

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from accounts.audit import record
from accounts.models import AuditAction

RECOVERY_CODES = 10
RECOVERY_DEVICE = "Recovery codes"
REQUIRED = "accounts_second_factor_required"  # in the session


def is_required(user) -> bool:
    """Return True if `user` must pass a second factor: by role, or by having enrolled one."""
    if not (user.is_authenticated and user.is_staff):
        return False
    roles = set(settings.REQUIRE_2FA_ROLES)
    in_role = user.groups.filter(name__in=roles).exists() or (user.is_superuser and bool(roles))
    return in_role or has_devices(user)


def has_devices(user) -> bool:
    """Return True if `user` has a confirmed second factor of any kind."""
    return any(True for _ in devices_for_user(user, confirmed=True))


def has_passkey(user) -> bool:
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()


def is_satisfied(request) -> bool:
    """Return True if the signed-in user has passed the second factor or need not.

    Whether they must is settled once a session (at sign-in): a role given later applies
    from the next sign-in, and a page costs no query for it.
    """
    if REQUIRED not in request.session:
        request.session[REQUIRED] = is_required(request.user)
    return request.user.is_verified() if request.session[REQUIRED] else True


def verify_code(request, code: str) -> bool:
    """Check an authenticator or recovery code; a wrong one counts towards the lockout."""
    user = request.user
    device = match_token(user, code.replace(" ", ""))
    if device is not None:
        otp_login(request, device)
        record(
            AuditAction.SECOND_FACTOR_USED, actor=user, request=request, kind=type(device).__name__
        )
        return True
    # django-axes counts failed sign-ins through this signal, so wrong codes share the
    # password's lockout; the audit log's receiver hears it as a wrong code.
    user_login_failed.send(
        sender=__name__,
        credentials={
            "username": user.get_username(),
            "audit_action": AuditAction.SECOND_FACTOR_FAILED,
        },
        request=request,
    )
    return False


def is_locked_out(request) -> bool:
    """Return True if the signed-in user's name is locked out from this address."""
    return AxesProxyHandler.is_locked(request, {"username": request.user.get_username()})


def pending_totp(user) -> TOTPDevice:
    """Return the user's authenticator app waiting for its first code, made if missing."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def confirm_totp(request, device: TOTPDevice, code: str) -> bool:
    """Confirm the pending authenticator app with its first code; sign in with it."""
    if not device.verify_token(code.replace(" ", "")):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    record(
        AuditAction.SECOND_FACTOR_ENROLLED,
        actor=request.user,
        request=request,
        kind="authenticator app",
    )
    return True


def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes with fresh ones; return them to be shown once."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def describe_devices(user) -> list[str]:
    """Return a line for each confirmed second factor of `user`, for its security page."""
    lines = [
        f"Authenticator app “{device.name}”"
        for device in TOTPDevice.objects.filter(user=user, confirmed=True)
    ]
    lines += [
        f"Passkey “{credential.name}”"
        for credential in WebAuthnCredential.objects.filter(user=user, confirmed=True)
    ]
    left = StaticToken.objects.filter(device__user=user, device__name=RECOVERY_DEVICE).count()
    if left:
        lines.append(f"{left} unused recovery codes")
    return lines
