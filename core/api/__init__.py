"""Plumbing every app's API shares: base viewsets, conditional requests, paging, limits."""
