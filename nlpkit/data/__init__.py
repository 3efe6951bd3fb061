"""Data shipped inside the package: the default sentiment model and its model card."""
