"""Model + catalogs + Babel → one language's finished content."""
