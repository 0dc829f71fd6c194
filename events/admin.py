"""The admin shows no task results: they are the worker's bookkeeping, and administrators
read what matters (the outbox backlog, failing effects, the worker's heartbeat) on the desk."""

from django.contrib import admin
from django_tasks_db.models import DBTaskResult

if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)
