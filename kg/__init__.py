"""newskg: build an RDF knowledge graph of who said what, who holds which office and who met whom.

The public API is small; everything else is reachable through its module (kg.rdf, kg.store, ...).
"""

from kg.errors import KgError
from kg.model import Article, Extraction
from kg.rdf import to_graph
from kg.validate import ValidationReport, validate_graph

__all__ = ["Article", "Extraction", "KgError", "ValidationReport", "to_graph", "validate_graph"]
__version__ = "0.1.0"
