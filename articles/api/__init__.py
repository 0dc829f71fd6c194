"""The JSON API for apps, partners and the newsroom's tools (version 1)."""
