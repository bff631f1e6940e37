"""The toolkit's version (bottom layer: imports nothing). Bumped with pyproject.toml."""

__version__ = "0.1.0"
