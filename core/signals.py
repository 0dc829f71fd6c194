"""Signals that lower apps send so that higher ones (the audit log) can hear of an action."""

from django.dispatch import Signal

# Sent by the export_content and import_content commands once they succeed; arguments:
# `path` (the archive) and `counts` (rows per model).
content_exported = Signal()
content_imported = Signal()
