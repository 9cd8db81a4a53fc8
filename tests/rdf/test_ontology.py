"""The ontology, the vocabulary kg writes, the shapes, the queries and the fixtures agree.

* every term of `kg.namespaces.NKG` is declared in the ontology, and vice versa;
* every nkg: term has an rdfs:label and an rdfs:comment;
* every nkg: term that the shapes, the named queries or the test fixtures use is declared;
* every class has a shape, and each shapes file holds the shapes of its one class;
* the controlled values agree between ontology, shapes and `kg.model`;
* the shapes graph is valid SHACL (checked against the SHACL-SHACL shapes).

Files are found through `kg.paths`, so this runs against an installed package too.
"""

from __future__ import annotations

import re
from enum import Enum
from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from kg.model import MeetingMode, MeetingStatus, SpeechMode
from kg.namespaces import NKG, ONTOLOGY_IRI, SHAPES_NS
from kg.paths import ontology_files, queries_dir, shape_files
from kg.rdfio import EXTENSIONS, read_graph
from tests.conftest import DATA, REPO

NS = str(NKG)
TEST_DATA = DATA
TERM_KINDS = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.ConceptScheme, SKOS.Concept}
# nkg:Agent is the union of nkg:Person and nkg:Organization, used as a range only: it is covered
# by the shapes of its subclasses (checked below) and needs no shape of its own.
UNTARGETED_CLASSES = {NKG.Agent}
NKG_TERM = re.compile(r"(?:\bnkg:|<https://w3id\.org/newskg/ontology#)([A-Za-z_][A-Za-z0-9_]*)")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    files = ontology_files()
    assert files, "no ontology files found"
    graph = Graph()
    for path in files:
        read_graph(path, into=graph)
    return graph


@pytest.fixture(scope="module")
def shapes() -> Graph:
    graph = Graph()
    for path in shape_files():
        read_graph(path, into=graph)
    return graph


def nkg_terms(graph: Graph) -> set[URIRef]:
    """Return every IRI in the nkg: namespace that occurs anywhere in `graph`."""
    return {t for triple in graph for t in triple if isinstance(t, URIRef) and t.startswith(NS)}


def declared(ontology: Graph) -> set[URIRef]:
    return {
        s for s in ontology.subjects(RDF.type, None) if isinstance(s, URIRef) and s.startswith(NS)
    }


def namespace_terms() -> set[URIRef]:
    return {NKG[name] for name in NKG.__annotations__ if not name.startswith("_")}


# -- the ontology itself -----------------------------------------------------------------------


def test_ontology_header(ontology: Graph) -> None:
    iri = URIRef(ONTOLOGY_IRI)
    assert (iri, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(iri, OWL.versionInfo) == Literal("0.1.0")
    assert NS == ONTOLOGY_IRI + "#"


def test_every_namespace_term_is_declared_in_the_ontology(ontology: Graph) -> None:
    missing = sorted(namespace_terms() - declared(ontology))
    assert not missing, f"terms in kg/namespaces.py but not declared in the ontology: {missing}"


def test_every_ontology_term_is_in_the_namespace_class(ontology: Graph) -> None:
    extra = sorted(declared(ontology) - namespace_terms())
    assert not extra, f"terms declared in the ontology but missing from kg.namespaces.NKG: {extra}"


def test_every_term_has_exactly_one_kind(ontology: Graph) -> None:
    for term in declared(ontology):
        kinds = set(ontology.objects(term, RDF.type)) & TERM_KINDS
        assert len(kinds) == 1, f"{term} is declared as {kinds or 'nothing we know'}"


def test_every_term_has_an_english_label_and_comment(ontology: Graph) -> None:
    lacking = []
    for term in sorted(declared(ontology)):
        for prop in (RDFS.label, RDFS.comment):
            values = [v for v in ontology.objects(term, prop) if isinstance(v, Literal)]
            if not any(v.language == "en" and len(str(v).strip()) >= 3 for v in values):
                lacking.append(
                    f"{term.removeprefix(NS)} lacks an English {prop.n3(ontology.namespace_manager)}"
                )
    assert not lacking, lacking


def test_every_nkg_term_the_ontology_mentions_is_declared(ontology: Graph) -> None:
    undeclared = sorted(nkg_terms(ontology) - declared(ontology))
    assert not undeclared, f"nkg: terms used but not declared in the ontology: {undeclared}"


def test_alignment_is_by_subclass_and_subproperty_only(ontology: Graph) -> None:
    for forbidden in (OWL.equivalentClass, OWL.equivalentProperty, OWL.sameAs):
        assert (None, forbidden, None) not in ontology, f"{forbidden} is not used for alignment"
    https_schema = {
        t
        for triple in ontology
        for t in triple
        if isinstance(t, URIRef) and t.startswith("https://schema.org/")
    }
    assert not https_schema, "align to http://schema.org/ (the JSON-LD @vocab), not https"
    for cls in ontology.subjects(RDF.type, OWL.Class):
        assert list(ontology.objects(cls, RDFS.subClassOf)), f"{cls} is not aligned to anything"


def test_properties_shared_by_several_classes_have_no_single_domain(ontology: Graph) -> None:
    """nkg:sourceArticle is used on statements, meetings and office holdings."""
    schema_domain = URIRef("http://schema.org/domainIncludes")
    assert ontology.value(NKG.sourceArticle, RDFS.domain) is None
    assert set(ontology.objects(NKG.sourceArticle, schema_domain)) == {
        NKG.Statement,
        NKG.Meeting,
        NKG.OfficeHolding,
    }
    assert ontology.value(NKG.sourceArticle, RDFS.range) == NKG.Article


def test_new_article_properties(ontology: Graph) -> None:
    assert ontology.value(NKG.datePublishedInferred, RDFS.range) == URIRef(
        "http://www.w3.org/2001/XMLSchema#boolean"
    )
    assert ontology.value(NKG.author, RDFS.range) == NKG.Person
    assert {URIRef("http://schema.org/author"), URIRef("http://purl.org/dc/terms/creator")} <= set(
        ontology.objects(NKG.author, RDFS.subPropertyOf)
    )
    assert {
        URIRef("http://schema.org/inLanguage"),
        URIRef("http://purl.org/dc/terms/language"),
    } <= set(ontology.objects(NKG.inLanguage, RDFS.subPropertyOf))
    assert "dct:identifier" in str(ontology.value(NKG.Article, RDFS.comment))


def test_concepts_are_top_concepts_of_their_scheme(ontology: Graph) -> None:
    for concept in declared(ontology) & set(ontology.subjects(RDF.type, SKOS.Concept)):
        schemes = set(ontology.objects(concept, SKOS.inScheme))
        assert len(schemes) == 1, concept
        scheme = schemes.pop()
        assert (scheme, RDF.type, SKOS.ConceptScheme) in ontology
        assert (scheme, SKOS.hasTopConcept, concept) in ontology


# -- ontology <-> shapes <-> model -------------------------------------------------------------

CONTROLLED = [
    (NKG.speechMode, NKG.SpeechModes, SpeechMode),
    (NKG.status, NKG.MeetingStatuses, MeetingStatus),
    (NKG.mode, NKG.MeetingModes, MeetingMode),
]


@pytest.mark.parametrize(
    ("prop", "scheme", "enum"), CONTROLLED, ids=lambda x: str(x).rsplit("#")[-1]
)
def test_controlled_values_agree(
    prop: URIRef, scheme: URIRef, enum: type[Enum], ontology: Graph, shapes: Graph
) -> None:
    in_scheme = set(ontology.subjects(SKOS.inScheme, scheme))
    from_model = {NKG[member.value] for member in enum}
    lists = [shapes.value(s, SH["in"]) for s in shapes.subjects(SH.path, prop)]
    lists = [lst for lst in lists if lst is not None]
    assert len(lists) == 1, f"expected one sh:in list for {prop}"
    from_shapes = set(Collection(shapes, lists[0]))
    assert in_scheme == from_model == from_shapes


def test_every_class_is_targeted_by_a_shape(ontology: Graph, shapes: Graph) -> None:
    classes = {c for c in ontology.subjects(RDF.type, OWL.Class) if c.startswith(NS)}
    targeted = set(shapes.objects(None, SH.targetClass))
    assert not (classes - targeted - UNTARGETED_CLASSES), sorted(classes - targeted)
    for cls in UNTARGETED_CLASSES:
        subclasses = set(ontology.subjects(RDFS.subClassOf, cls))
        assert subclasses and subclasses <= targeted, f"subclasses of {cls} must all have shapes"


def _class_of_file(path: Path) -> URIRef:
    """shapes/office-holding.ttl -> nkg:OfficeHolding."""
    return NKG["".join(part.capitalize() for part in path.stem.split("-"))]


def test_one_shapes_file_per_class(ontology: Graph) -> None:
    files = {p.stem: p for p in shape_files()}
    assert "common" in files
    seen: dict[URIRef, str] = {}
    for stem, path in files.items():
        graph = read_graph(path)
        targets = set(graph.objects(None, SH.targetClass))
        if stem == "common":
            assert not targets, "common.ttl holds reusable shapes only, no class targets"
            continue
        own = _class_of_file(path)
        assert (own, RDF.type, OWL.Class) in ontology, f"{path.name} is not named after a class"
        for target in targets:
            assert target == own or (target, RDFS.subClassOf, own) in ontology, (
                f"{path.name} targets {target}, which belongs in a file of its own"
            )
            assert seen.setdefault(target, stem) == stem, f"{target} is targeted in two files"


def test_every_shapes_file_is_in_the_shapes_namespace(shapes: Graph) -> None:
    for shape in set(shapes.subjects(RDF.type, SH.NodeShape)) | set(
        shapes.subjects(RDF.type, SH.PropertyShape)
    ):
        assert shape.startswith(str(SHAPES_NS)), f"named shapes live in nkgsh:, not {shape}"


# -- terms used elsewhere are declared ---------------------------------------------------------


def _terms_in_text(text: str) -> set[URIRef]:
    """Return the nkg: terms written in SPARQL or Turtle text, as prefixed names or full IRIs."""
    return {URIRef(NS + local) for local in NKG_TERM.findall(text)}


def test_terms_used_in_shapes_are_declared(ontology: Graph, shapes: Graph) -> None:
    used = nkg_terms(shapes)
    for query in shapes.objects(None, SH.select):  # terms inside the SPARQL constraints
        used |= _terms_in_text(str(query))
    assert NKG.speaker in used and NKG.body in used  # the scan sees graph terms and SPARQL text
    undeclared = sorted(used - declared(ontology))
    assert not undeclared, f"shapes use undeclared nkg: terms: {undeclared}"


def test_terms_used_in_named_queries_are_declared(ontology: Graph) -> None:
    folder = queries_dir()
    files = sorted(folder.glob("*.rq")) if folder.is_dir() else []
    undeclared = {
        f"{path.name}: {term}"
        for path in files
        for term in _terms_in_text(path.read_text(encoding="utf-8"))
        if term not in declared(ontology)
    }
    assert not undeclared, sorted(undeclared)


def _fixture_files() -> list[Path]:
    return sorted(
        p
        for p in TEST_DATA.rglob("*")
        if p.is_file() and (p.suffix.lower() in EXTENSIONS or p.suffix in {".rq", ".sparql"})
    )


def test_terms_used_in_test_fixtures_are_declared(ontology: Graph) -> None:
    files = _fixture_files()
    assert any(p.parent.name == "conforming" for p in files)
    known = declared(ontology)
    undeclared = set()
    for path in files:
        try:  # parse RDF where we can, so that any prefix name for the namespace is seen
            terms = nkg_terms(read_graph(path)) if path.suffix in EXTENSIONS else set()
        except Exception:  # noqa: BLE001 - deliberately broken fixtures are scanned as text
            terms = set()
        terms |= _terms_in_text(path.read_text(encoding="utf-8", errors="replace"))
        undeclared |= {f"{path.relative_to(TEST_DATA)}: {t}" for t in terms if t not in known}
    assert not undeclared, sorted(undeclared)


# -- the shapes graph is valid SHACL -----------------------------------------------------------


def _shacl_shacl() -> Graph:
    return Graph().parse(
        Path(pyshacl.__file__).parent / "assets" / "shacl-shacl.ttl", format="turtle"
    )


def test_shapes_pass_shacl_shacl(shapes: Graph) -> None:
    conforms, _report, text = pyshacl.validate(shapes, shacl_graph=_shacl_shacl(), inference="none")
    assert conforms, text


def test_shapes_pass_pyshacl_meta_validation(shapes: Graph) -> None:
    conforms, _report, text = pyshacl.validate(Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms, text


def test_shacl_shacl_catches_a_broken_shape(shapes: Graph) -> None:
    """Guard against a meta-validation that cannot fail."""
    broken = Graph() + shapes
    broken.add((SHAPES_NS.PersonShape, SH.minCount, Literal("one")))
    conforms, _report, _text = pyshacl.validate(
        broken, shacl_graph=_shacl_shacl(), inference="none"
    )
    assert not conforms


# -- the user documentation --------------------------------------------------------------------

DOCS = REPO / "docs" / "ontology.md"


@pytest.mark.skipif(not DOCS.is_file(), reason="docs/ are not part of an installed package")
def test_docs_describe_every_term(ontology: Graph) -> None:
    text = DOCS.read_text(encoding="utf-8")
    mentioned = set(re.findall(r"nkg:([A-Za-z0-9_]+)\b", text))
    undocumented = sorted(
        t.removeprefix(NS) for t in declared(ontology) if t.removeprefix(NS) not in mentioned
    )
    assert not undocumented, f"docs/ontology.md does not mention: {undocumented}"
