from django.apps import AppConfig


class ImagesConfig(AppConfig):
    name = "images"
    label = "images"
    verbose_name = "Image library"
