"""A URL map with one failing view, to see the 500 page a reader would get."""

from django.urls import path


def boom(request):
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", boom)]
