"""nlpkit.vectors (being built)."""
