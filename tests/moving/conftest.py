"""The sample exports and the picture folders that travel with them, made in a temporary folder."""

from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image as PillowImage

EXPORTS = Path(__file__).parent / "exports"
WORDPRESS_PICTURES = ["2024/05/pier.jpg", "2024/05/tickets.png"]  # 1998/03/terminal.jpg is lost
GHOST_PICTURES = ["images/2025/03/tram.jpg", "images/2025/03/stop-a.jpg", "images/2023/06/park.jpg"]


def draw(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = BytesIO()
    kind = "PNG" if path.suffix == ".png" else "JPEG"
    PillowImage.new("RGB", (640, 400), "steelblue").save(buffer, kind)
    path.write_bytes(buffer.getvalue())


@pytest.fixture
def uploads(tmp_path) -> Path:
    """Return a wp-content/uploads folder holding the export's pictures but one."""
    for name in WORDPRESS_PICTURES:
        draw(tmp_path / "uploads" / name)
    return tmp_path / "uploads"


@pytest.fixture
def ghost_content(tmp_path) -> Path:
    """Return a Ghost content folder holding the export's local pictures."""
    for name in GHOST_PICTURES:
        draw(tmp_path / "content" / name)
    return tmp_path / "content"
