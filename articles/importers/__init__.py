"""Recognisers that turn raw copy (plain text, ninjs) into the structure of a draft article."""
