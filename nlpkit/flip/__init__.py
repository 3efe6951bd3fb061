"""nlpkit.flip (being built)."""
