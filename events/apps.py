from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Events"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
        from .dispatch import prune
        from .registry import register_periodic

        # Done events are kept a while for reading (the desk, the admin's shell), then go.
        register_periodic("prune-outbox", prune, seconds=3600)
