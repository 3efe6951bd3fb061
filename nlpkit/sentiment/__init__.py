"""nlpkit.sentiment (being built)."""
