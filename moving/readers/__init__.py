"""Readers of other systems' exports, each yielding the same plain records (moving/records.py)."""
