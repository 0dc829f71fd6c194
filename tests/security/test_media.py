"""Uploaded files are served in production too, and none of them can run as a page."""

import json
import subprocess
import sys

import pytest
from django.conf import settings

PROBE = "from django.conf import settings; print(settings.SERVE_MEDIA)"


@pytest.fixture
def uploads(settings, tmp_path):
    """Return a media root holding a picture, an HTML file and an SVG."""
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "library").mkdir()
    (tmp_path / "library" / "ferry.jpg").write_bytes(b"\xff\xd8\xff\xe0 not much of a jpeg")
    (tmp_path / "library" / "page.html").write_text("<script>alert(1)</script>")
    (tmp_path / "library" / "logo.svg").write_text("<svg><script>alert(1)</script></svg>")
    (tmp_path.parent / "secret.txt").write_text("outside the media root")
    return tmp_path


def test_a_picture_is_served_without_debug_as_an_inert_image(client, uploads):
    assert settings.DEBUG is False
    response = client.get("/media/library/ferry.jpg")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert not response["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize("name", ["page.html", "logo.svg"])
def test_anything_but_a_picture_is_a_download_that_no_browser_renders(client, uploads, name):
    response = client.get(f"/media/library/{name}")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == "attachment"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db  # the 404 page shows the site's sections
@pytest.mark.parametrize("path", ["../secret.txt", "library/", "library/missing.jpg"])
def test_nothing_outside_the_media_root_and_no_folder_listing_is_served(client, uploads, path):
    response = client.get(f"/media/{path}")

    assert response.status_code in (400, 404)
    assert b"outside the media root" not in response.content


def serve_media_setting(**env) -> bool:
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {PROBE}"],
        env={"DJANGO_SETTINGS_MODULE": "config.settings.production", "SECRET_KEY": "k", **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=True,
    )
    return json.loads(result.stdout.strip().lower())


def test_production_serves_local_media_and_leaves_object_storage_to_its_own_host():
    assert serve_media_setting() is True
    assert serve_media_setting(MEDIA_URL="https://media.example.com/") is False
    assert serve_media_setting(MEDIA_STORAGE_BACKEND="storages.backends.s3.S3Storage") is False
    assert serve_media_setting(SERVE_MEDIA="false") is False
