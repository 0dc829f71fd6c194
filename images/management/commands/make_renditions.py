"""Make the renditions library images still lack (e.g. after importing files or a restore)."""

import argparse

from django.core.management.base import BaseCommand

from images.models import Image, Rendition
from images.renditions import Source, ensure_card_crops, ensure_renditions, ensure_share_crops


def parse_ratio(text: str) -> tuple[int, int]:
    """Return (width, height) from "16x9", refusing anything else."""
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{text!r} is not a ratio like 16x9") from error
    if width <= 0 or height <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a ratio like 16x9")
    return width, height


class Command(BaseCommand):
    help = (
        "Create missing WebP and JPEG renditions, and the crops search engines and link "
        "previews take, for every library image; existing ones are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--ratio",
            type=parse_ratio,
            default=None,
            help="Also crop to this ratio around each focal point, e.g. 16x9; "
            'templates use them with {% picture image ratio="16x9" %}.',
        )

    def handle(self, *args, ratio=None, **options):
        before = Rendition.objects.count()
        for image in Image.objects.with_renditions().iterator(chunk_size=100):
            source = Source(image)  # decoded once, and only if something is missing
            ensure_renditions(image, ratio=ratio, source=source)
            ensure_share_crops(image, source=source)
            ensure_card_crops(image, source=source)
        made = Rendition.objects.count() - before
        self.stdout.write(self.style.SUCCESS(f"Made {made} rendition(s)."))
