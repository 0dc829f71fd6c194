"""Make the renditions library images still lack (e.g. after importing files or a restore)."""

from django.core.management.base import BaseCommand

from articles.images.models import Image
from articles.images.renditions import ensure_renditions


class Command(BaseCommand):
    help = (
        "Create missing WebP and JPEG renditions for every library image; existing ones are kept."
    )

    def handle(self, *args, **options):
        made = 0
        for image in Image.objects.with_renditions().iterator(chunk_size=100):
            before = len(image.renditions.all())
            made += len(ensure_renditions(image)) - before
        self.stdout.write(self.style.SUCCESS(f"Made {made} rendition(s)."))
