from django.apps import AppConfig


class ImagesConfig(AppConfig):
    name = "images"
    label = "images"
    verbose_name = "Image library"

    def ready(self):
        from PIL import Image as PILImage

        from .validation import MAX_PIXELS

        # Decode limits for every picture opened anywhere: Pillow warns past the library's
        # limit and refuses twice that, whichever code path opens the file.
        PILImage.MAX_IMAGE_PIXELS = MAX_PIXELS
