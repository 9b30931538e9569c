"""Renderers: the finished content of one language → HTML/PDF brochure, DOCX briefing."""
