from django.urls import path

from . import feeds, views

app_name = "live"

urlpatterns = [
    path("<int:pk>/updates/", views.updates, name="updates"),
    path("<int:pk>/feed/", feeds.LiveFeed(), name="feed"),
    path("entry/<int:pk>/", views.entry_permalink, name="entry"),
]
