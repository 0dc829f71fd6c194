"""The people endpoints of the JSON API."""
