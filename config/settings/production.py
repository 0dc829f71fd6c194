"""Production settings: every secret comes from the environment, nothing is assumed."""

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_list, env_required

SECRET_KEY = env_required("SECRET_KEY")
DEBUG = False
MASTHEAD_DEMO = False

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

# Editors and Administrators sign in with a second factor unless the operator says otherwise.
REQUIRE_2FA_ROLES = env_list("REQUIRE_2FA_ROLES", "Editor,Administrator")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# A year, subdomains included, by default; preload only when the operator opts in, since
# it asks browsers to hard-code HTTPS for the whole domain (docs/operators.md).
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # check --deploy recommends preload; leaving it off is the operator's deliberate choice.
    SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W021"]  # noqa: F405
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
