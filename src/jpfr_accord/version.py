"""The toolkit's version (bottom layer: imports nothing). Bumped with pyproject.toml."""

__version__ = "0.2.0"
