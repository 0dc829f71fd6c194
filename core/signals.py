"""Signals that lower apps send so that higher ones (the audit log) can hear of an action."""

from django.dispatch import Signal

# Sent by the export_content and import_content commands once they succeed; arguments:
# `path` (the archive) and `counts` (rows per model).
content_exported = Signal()
content_imported = Signal()
# Sent by webhooks' services when an endpoint is made, its secret rotated, or it is deleted;
# arguments: `endpoint` (its URL and id), `action` ("created", "rotated", "deleted"), `user`.
# Never the secret.
webhook_changed = Signal()
