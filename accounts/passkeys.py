"""Passkeys (django-otp-webauthn) scoped to the host the admin is served on."""

from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.views import (
    CompleteCredentialAuthenticationView,
    CompleteCredentialRegistrationView,
)

from accounts.audit import record
from accounts.models import AuditAction


def relying_party_id(request) -> str:
    """Return the host name the request was made to (validated against ALLOWED_HOSTS)."""
    return request.get_host().split(":")[0]


class PasskeyHelper(WebAuthnHelper):
    """Also accept the origin the admin was actually served from.

    The browser states the page's origin in every ceremony; comparing it with the host that
    Django validated (ALLOWED_HOSTS) lets one deployment answer on several names, while a
    page of another origin still fails.
    """

    def get_allowed_origins(self) -> list[str]:
        served = f"{self.request.scheme}://{self.request.get_host()}"
        return [*super().get_allowed_origins(), served]


class AuditedPasskeySignIn(CompleteCredentialAuthenticationView):
    """django-otp-webauthn's passkey verification, recorded in the audit log."""

    def complete_auth(self, device):
        user = super().complete_auth(device)
        record(AuditAction.SECOND_FACTOR_USED, actor=user, request=self.request, kind="passkey")
        return user


class AuditedPasskeyRegistration(CompleteCredentialRegistrationView):
    """django-otp-webauthn's passkey registration, recorded in the audit log."""

    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        if response.status_code == 200:
            record(AuditAction.SECOND_FACTOR_ENROLLED, request=self.request, kind="passkey")
        return response
