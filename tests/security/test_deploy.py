"""Production settings pass Django's deployment checks; HSTS and the CSP are strict."""

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

from tests.factories import UserFactory

HSTS = (
    "from django.conf import settings; import json; print(json.dumps("
    "[settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS,"
    " settings.SECURE_HSTS_PRELOAD]))"
)


def production(*args, **env) -> subprocess.CompletedProcess:
    """Run manage.py with production settings and only the given environment."""
    # Also without the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE, which no deployment sets.
    test_only = {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in test_only}
    return subprocess.run(
        [sys.executable, *args],
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "news.example.com",
            **env,
        },
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )


@pytest.mark.parametrize("preload", ["false", "true"])
def test_check_deploy_is_clean_under_production_settings(preload):
    result = production("manage.py", "check", "--deploy", SECURE_HSTS_PRELOAD=preload)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_hsts_defaults_to_a_year_with_subdomains_and_goes_to_preload_when_asked():
    default = production("-c", f"import django; django.setup(); {HSTS}")
    preload = production("-c", f"import django; django.setup(); {HSTS}", SECURE_HSTS_PRELOAD="1")

    assert json.loads(default.stdout) == [31536000, True, False]
    assert json.loads(preload.stdout) == [31536000, True, True]


@pytest.mark.django_db
def test_pages_forbid_inline_script_framing_plugins_and_foreign_sources(client):
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))

    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in directives["style-src"]


@pytest.mark.django_db
def test_the_admin_editor_import_map_carries_the_nonce_of_the_policy(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get("/admin/articles/article/add/")
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]

    assert f'<script type="importmap" nonce="{nonce}">' in response.content.decode()
