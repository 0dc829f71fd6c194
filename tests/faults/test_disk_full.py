"""A full disk refuses an upload whole: a 503, and no row, no file, no half-written file."""

import os
import subprocess
import time
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image as PILImage

from images.models import Image, Rendition
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


def noise_jpeg(size=(1600, 1200)) -> bytes:
    """Return a JPEG of noise, which compresses badly: its renditions take room."""
    buffer = BytesIO()
    PILImage.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(
        buffer, format="JPEG", quality=95
    )
    return buffer.getvalue()


def files_under(folder) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())


@pytest.fixture
def small_disk(tmp_path, settings):
    """Point MEDIA_ROOT at a 4 MB file system of its own, or skip where none can be mounted."""
    folder = tmp_path / "media"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode:
        pytest.skip("a small file system needs mount (root)")
    settings.MEDIA_ROOT = folder
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_library_upload_on_a_full_disk_answers_503_and_leaves_nothing(editor_client, small_disk):
    picture = noise_jpeg()
    (small_disk / "filler").write_bytes(b"\0" * (4 * 1024 * 1024 - len(picture) - 400_000))
    upload = SimpleUploadedFile("harbour.jpg", picture, content_type="image/jpeg")
    data = {"file": upload, "alt_text": "Noise", "caption": "Noise", "credit": "Staff"}

    response = editor_client.post(reverse("admin:images_image_add"), data)

    assert response.status_code == 503
    assert not Image.objects.exists() and not Rendition.objects.exists()
    assert files_under(small_disk) == ["filler"]


def test_sweep_media_removes_old_files_no_row_names_and_keeps_the_rest(small_disk):
    kept = ImageFactory()
    orphan = default_storage.save("library/orphan.jpg", ContentFile(b"x"))
    partial = default_storage.save("library/.partial-abc-cut.jpg", ContentFile(b"x"))
    young = default_storage.save("library/young.jpg", ContentFile(b"x"))
    hour_ago = time.time() - 3600
    for name in (orphan, partial):
        os.utime(default_storage.path(name), (hour_ago, hour_ago))

    call_command("sweep_media", "--hours", "0.5")

    remaining = files_under(small_disk)
    assert kept.file.name in remaining and young in remaining
    assert orphan not in remaining and partial not in remaining
