"""Settings modules: base (shared), local (development), production and test."""
