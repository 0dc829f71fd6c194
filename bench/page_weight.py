"""Weigh a demo article page on a 390-pixel phone: HTML plus images, before and after renditions.

    .venv/bin/python bench/page_weight.py

It works in a throwaway SQLite database and media folder (the demo newsroom, with its drawn
illustrations and their renditions, is loaded there) and deletes both afterwards. "Before" is
the page with every picture served as its uploaded original; "after" is the same page with
renditions, each picture weighed as a browser picks it from the WebP srcset for a 390 CSS-pixel
viewport at device pixel ratios 1, 2 and 3 (the smallest candidate at least 390 × DPR wide).
"""

import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VIEWPORT = 390
PICTURE = re.compile(r"<picture>.*?</picture>", re.DOTALL)
WEBP_SRCSET = re.compile(r'<source type="image/webp" srcset="([^"]+)"')
IMG_SRC = re.compile(r'<img src="([^"]+)"')


def setup_django(folder: Path) -> None:
    os.environ.update(
        SQLITE_PATH=str(folder / "bench.sqlite3"),
        MEDIA_ROOT=str(folder / "media"),
        ALLOWED_HOSTS="testserver",
        DJANGO_SETTINGS_MODULE="config.settings.local",
    )
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from seeds.loader import load_newsroom

    call_command("migrate", verbosity=0)
    load_newsroom()


def media_size(url: str) -> int:
    """Return the stored size of a media URL's file."""
    from django.conf import settings
    from django.core.files.storage import default_storage

    return default_storage.size(url.split(settings.MEDIA_URL, 1)[1])


def chosen_candidate(srcset: str, needed: int) -> str:
    """Return the URL a browser takes from `srcset` for `needed` device pixels."""
    candidates = sorted(
        (int(width.rstrip("w")), url)
        for url, width in (item.strip().rsplit(" ", 1) for item in srcset.split(","))
    )
    return next((url for width, url in candidates if width >= needed), candidates[-1][1])


def weigh_with_renditions(html: str, dpr: int) -> tuple[int, int, int]:
    """Return (HTML bytes, image bytes, pictures) as a phone at `dpr` loads the page."""
    pictures = PICTURE.findall(html)
    images = 0
    for picture in pictures:
        srcset = WEBP_SRCSET.search(picture)
        url = chosen_candidate(srcset.group(1), VIEWPORT * dpr) if srcset else None
        images += media_size(url or IMG_SRC.search(picture).group(1))
    return len(html.encode()), images, len(pictures)


def weigh_originals(html: str) -> tuple[int, int, int]:
    """Return (HTML bytes, image bytes, images) with every picture as its original file."""
    sources = [src for src in IMG_SRC.findall(html) if "/media/" in src]
    return len(html.encode()), sum(media_size(src) for src in sources), len(sources)


def report(label: str, html_bytes: int, image_bytes: int, pictures: int) -> None:
    total = html_bytes + image_bytes
    print(
        f"{label:<34} HTML {html_bytes / 1024:7.1f} KiB + {pictures} image(s) "
        f"{image_bytes / 1024:7.1f} KiB = {total / 1024:7.1f} KiB"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        setup_django(Path(folder))
        from django.test import Client

        from articles.models import Article
        from images.models import Image, Rendition

        article = max(Article.objects.published(), key=lambda a: a.images.count())
        url = article.get_absolute_url()
        client = Client()
        after = client.get(url).content.decode()
        counts = f"{Image.objects.count()} library images, {Rendition.objects.count()} renditions"
        print(f"{url}  ({counts})")
        Rendition.objects.all().delete()  # the page falls back to the originals
        before = client.get(url).content.decode()
        report("before renditions (originals)", *weigh_originals(before))
        for dpr in (1, 2, 3):
            report(f"after renditions, 390 px at {dpr}x", *weigh_with_renditions(after, dpr))


if __name__ == "__main__":
    main()
