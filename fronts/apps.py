from django.apps import AppConfig
from django.conf import settings


class FrontsConfig(AppConfig):
    name = "fronts"
    verbose_name = "Fronts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from articles.pagecache import purging
        from events import registry

        from . import pagecache

        pagecache.connect_signals()
        registry.register(
            "pagecache-fronts", pagecache.bump_front, kinds=pagecache.KINDS, at_commit=True
        )
        registry.register(
            "purge-fronts", pagecache.purge_front, kinds=pagecache.KINDS, wanted=purging
        )
        registry.register_periodic(
            "slots-started", pagecache.record_started_slots, seconds=settings.PUBLISH_SWEEP_SECONDS
        )
