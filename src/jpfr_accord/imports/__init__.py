"""Import stage: outside formats (plain text, Markdown, XLIFF, TMX) -> model / corpus files."""
