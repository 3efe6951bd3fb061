"""Corpus cards (TOML), packed into the wheel as ``nlpkit._corpora``."""
