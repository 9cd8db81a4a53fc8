"""The spaCy parse of an article body, paragraph by paragraph, with offsets into the body.

Paragraphs (non-blank lines) are parsed separately so that no sentence runs across a paragraph
break; `Parsed` maps every token back to body offsets.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from kg.extract import lexicon as lx
from kg.extract.text import paragraphs


@dataclass
class Parsed:
    """The body, its paragraphs and their parses."""

    text: str
    paras: list[tuple[int, int]]
    docs: list[Doc]
    _offsets: dict[int, int] = field(default_factory=dict)
    sents: list[SpacySpan] = field(default_factory=list)
    _sent_begins: list[int] = field(default_factory=list)
    _starts: list[list[int]] = field(default_factory=list)
    _para_begins: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        for (begin, _), doc in zip(self.paras, self.docs):
            self._offsets[id(doc)] = begin
            self.sents.extend(doc.sents)
        self._sent_begins = [self.sbegin(s) for s in self.sents]
        self._starts = [[t.idx for t in doc] for doc in self.docs]
        self._para_begins = [b for b, _ in self.paras]

    def begin(self, tok: Token) -> int:
        return self._offsets[id(tok.doc)] + tok.idx

    def end(self, tok: Token) -> int:
        return self._offsets[id(tok.doc)] + tok.idx + len(tok.text)

    def sbegin(self, span: SpacySpan) -> int:
        return self._offsets[id(span.doc)] + span.start_char

    def send(self, span: SpacySpan) -> int:
        return self._offsets[id(span.doc)] + span.end_char

    def para_index(self, pos: int) -> int:
        """Index of the paragraph holding body offset `pos` (the one before it in a gap)."""
        return max(0, bisect_right(self._para_begins, pos) - 1)

    def sent_index(self, pos: int) -> int:
        return max(0, bisect_right(self._sent_begins, pos) - 1)

    def sent_at(self, pos: int) -> SpacySpan:
        return self.sents[self.sent_index(pos)]

    def tokens(self, begin: int, end: int) -> list[Token]:
        """Tokens lying inside the body range [begin, end)."""
        out: list[Token] = []
        for k in range(self.para_index(begin), len(self.paras)):
            pb, pe = self.paras[k]
            if pb >= end:
                break
            if pe <= begin:
                continue
            doc, starts = self.docs[k], self._starts[k]
            i = bisect_left(starts, begin - pb)
            while i < len(starts) and pb + starts[i] < end:
                tok = doc[i]
                if pb + starts[i] + len(tok.text) <= end:
                    out.append(tok)
                i += 1
        return out

    def all_tokens(self):
        for doc in self.docs:
            yield from doc


def parse(text: str, nlp: Language) -> Parsed:
    """Parse `text` paragraph by paragraph."""
    paras = paragraphs(text)
    docs = list(nlp.pipe(text[b:e] for b, e in paras))
    for doc in docs:
        for tok in doc:
            if tok.tag_.startswith("VB") and tok.lemma_.lower() not in _SPEECH_LEMMAS:
                tok.lemma_ = _SPEECH_FORMS.get(tok.lower_, tok.lemma_)
    return Parsed(text, paras, docs)


def _inflections(verb: str) -> set[str]:
    """The regular forms of a verb: 'hope' -> hopes, hoped, hoping; 'admit' -> admitted.

    >>> sorted(_inflections("hope"))
    ['hope', 'hoped', 'hopes', 'hoping']
    >>> sorted(_inflections("deny"))
    ['denied', 'denies', 'deny', 'denying']
    """
    if verb.endswith("e"):
        return {verb, verb + "s", verb + "d", verb[:-1] + "ing"}
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return {verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    forms = {verb, verb + ("es" if verb.endswith(("s", "sh", "ch", "x", "z")) else "s"),
             verb + "ed", verb + "ing"}
    if len(verb) > 2 and verb[-1] not in "aeiouwxy" and verb[-2] in "aeiou" and verb[-3] not in "aeiou":
        forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}  # admit, commit, regret
    return forms


# The small model's lemmatizer now and then misreads a verb of speech ('hopes' -> 'hop'): a verb
# form of one of these lemmas gets its lemma back, unless the model already gave it one of them.
_SPEECH_LEMMAS = lx.REPORTING_VERBS | lx.DESCRIBING_VERBS | frozenset(lx.OBJECT_PHRASE_ACTS) \
    | lx.INFINITIVE_ACTS | lx.GERUND_ACTS
_SPEECH_FORMS = {form: verb for verb in sorted(_SPEECH_LEMMAS) for form in _inflections(verb)}
