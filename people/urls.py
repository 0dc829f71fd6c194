from django.urls import path

from core import converters  # noqa: F401  (registers the uslug converter)

from . import views

app_name = "people"

urlpatterns = [
    path("<uslug:slug>/", views.person_detail, name="detail"),
]
