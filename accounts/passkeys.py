"""Passkeys (django-otp-webauthn) scoped to the host the admin is served on."""

from django_otp_webauthn.helpers import WebAuthnHelper


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
