"""nlpkit.topics (being built)."""
