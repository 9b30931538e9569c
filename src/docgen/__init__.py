"""docgen: turn a structured source into localised PDF brochures and DOCX briefings.

The pipeline is ``source`` (YAML → model) → ``localise`` (catalogs + Babel) →
``render`` (HTML/PDF and DOCX) → ``build`` (jobs, cache, atomic publish).
"""

from .errors import DocgenError

__version__ = "0.1.0"
__all__ = ["DocgenError", "__version__"]
