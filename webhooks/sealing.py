"""Endpoint secrets at rest: encrypted with a key derived from SECRET_KEY.

The secret must be known to sign, so it cannot be hashed; sealed, it is useless in a
database dump or a content archive (docs/operators.md, "Backups") without the server's
SECRET_KEY. A key moved to SECRET_KEY_FALLBACKS still opens what it sealed.
"""

import base64

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.utils.crypto import salted_hmac


def _fernet(key: str) -> Fernet:
    digest = salted_hmac("webhooks.sealing", "endpoint-secret", secret=key, algorithm="sha256")
    return Fernet(base64.urlsafe_b64encode(digest.digest()))


def _keys() -> MultiFernet:
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet([_fernet(key) for key in keys])


def seal(secret: str) -> str:
    """Return `secret` encrypted with the current key."""
    return _keys().encrypt(secret.encode()).decode()


def unseal(sealed: str) -> str:
    """Return the secret `sealed` holds (cryptography.fernet.InvalidToken if no key opens it)."""
    return _keys().decrypt(sealed.encode()).decode()
