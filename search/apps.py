from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = "Search"

    def ready(self):
        from events import registry

        from . import receivers

        # At commit, as a search right after a save expects to find it; retried on failure.
        registry.register("search", receivers.index_for, kinds=receivers.KINDS, at_commit=True)
