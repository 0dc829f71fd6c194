from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("section/<slug:slug>/", views.section_detail, name="section"),
    path("topic/<slug:slug>/", views.tag_detail, name="tag"),
    path("<slug:section>/<int:pk>/<slug:slug>/", views.article_detail, name="detail"),
]
