"""Writes and computations shared by the admin, the API and the commands."""
