from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "articles.search"
    label = "search"
    verbose_name = "Search"

    def ready(self):
        from . import indexing

        indexing.connect_signals()
