"""django-otp-webauthn's addresses, its two completions recorded in the audit log."""

from django.urls import path
from django_otp_webauthn import urls as package

from accounts.passkeys import AuditedPasskeyRegistration, AuditedPasskeySignIn

app_name = "otp_webauthn"
AUDITED = {
    "credential-authentication-complete": AuditedPasskeySignIn,
    "credential-registration-complete": AuditedPasskeyRegistration,
}

urlpatterns = [
    path(str(pattern.pattern), AUDITED[pattern.name].as_view(), name=pattern.name)
    if pattern.name in AUDITED
    else pattern
    for pattern in package.urlpatterns
]
