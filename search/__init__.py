"""Ranked full-text search over articles on PostgreSQL and SQLite (see service.py)."""
