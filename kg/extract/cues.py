"""Cues: the words that attribute speech, and the clause each one reports.

A cue is a reporting verb ("said", "told", "warned"), a describing verb ("called it ..."), or an
attitude verb with its noun ("expressed hope that ..."). `find_cues` reads every token outside
quotation marks once and hands on a frozen `Cues`: the cues that report something themselves
(`active`; a cue inside another cue's reported clause is part of that report), the reported
clause of each as body ranges (`contents`), and every "according to" phrase. The attribution
forms (kg.extract.forms) read this value; none of them looks for cues again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from spacy.tokens import Token

from kg.extract import lexicon as lx
from kg.extract.lexicon import PREPOSITION_CONTENT
from kg.extract.parse import Parsed
from kg.extract.text import Range, trim
from kg.extract.quotes import Quote
from kg.extract.syntax import inverted_subject, trailing_report


@dataclass(frozen=True, slots=True)
class Cues:
    """The cues of one article: those that report (`active`, in document order), the reported
    clauses of every cue (`contents`, body ranges), and the 'according' of each 'according to'."""

    active: tuple[Token, ...]
    contents: Mapping[Token, tuple[Range, ...]]
    according: tuple[Token, ...]


def find_cues(parsed: Parsed, quotes: list[Quote]) -> Cues:
    """Every cue and 'according to' outside quotation marks, with the clauses the cues report."""
    cues: list[Token] = []
    according: list[Token] = []
    for tok in parsed.all_tokens():
        pos = parsed.begin(tok)
        if any(q.begin <= pos < q.end for q in quotes) and not _quoted_report(parsed, tok, quotes):
            continue
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            according.append(tok)
        elif is_cue(tok):
            cues.append(tok)
    contents = {tok: tuple(reported_clause(parsed, tok)) for tok in cues}
    # a cue inside another cue's reported clause is part of that report, not a statement
    spans = [(b, e, c) for c, ranges in contents.items() for b, e in ranges]
    active = tuple(
        c for c in cues if not any(b <= parsed.begin(c) < e and d is not c for b, e, d in spans)
    )
    return Cues(active, contents, tuple(according))


def _quoted_report(parsed: Parsed, tok: Token, quotes: list[Quote]) -> bool:
    """'X "called on the council to act," the ministry said': a quotation that opens with the
    reporting verb of a subject printed just before it quotes the report itself."""
    q = next((q for q in quotes if q.inner_begin == parsed.begin(tok) and not q.single), None)
    if q is None or not is_cue(tok):
        return False
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    return subject is not None and parsed.end(subject) <= q.begin


def is_cue(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    if lemma in lx.ATTITUDE_VERBS and tok.pos_ == "VERB":
        return any(c.dep_ == "dobj" and c.lower_ in lx.ATTITUDE_NOUNS for c in tok.children)
    # a verb the tagger read as a noun ('and maintains it keeps ...' as a plural noun) that the
    # parse still gives a clause of its own
    verbal = tok.pos_ == "NOUN" and tok.dep_ in ("conj", "ROOT") and tok.tag_ == "NNS" \
        and any(c.dep_ == "ccomp" for c in tok.children)
    if tok.pos_ not in ("VERB",) and not (tok.pos_ == "NOUN" and lemma in ("say",)) and not verbal:
        return False
    if lemma not in lx.REPORTING_VERBS and lemma not in lx.DESCRIBING_VERBS \
            and lemma not in lx.OBJECT_PHRASE_ACTS and lemma not in lx.INFINITIVE_ACTS \
            and lemma not in lx.GERUND_ACTS and lemma not in PREPOSITION_CONTENT \
            and not _retort(tok) and not _object_infinitive(tok):
        return False
    if tok.lower_ in lx.NON_SPEECH_PARTICIPLES:
        return False
    if any(c.dep_ in ("auxpass", "nsubjpass", "neg") for c in tok.children):
        return False  # 'was told', 'were asked', 'did not say'
    if _declined(tok):
        return False  # 'declined to comment', 'refusing to ... acknowledge that ...'
    if tok.tag_ == "VBN" and not any(c.dep_ == "aux" for c in tok.children) and tok.dep_ != "ROOT":
        return False  # 'Asked whether ..., she declined': a passive participle
    return True


def _declined(tok: Token) -> bool:
    """Whether the verb is what someone declined, refused or failed to say: the complement (or a
    conjunct of it) of a verb of not doing."""
    node = tok
    for _ in range(4):
        if node.dep_ == "conj" and node.head.lemma_.lower() in lx.NOT_DOING_VERBS:
            # 'declined to give details - or acknowledge that ...' (not '... and said that ...')
            return any(t.lower_ in ("or", "nor") for t in node.doc[node.head.i: node.i])
        if node.dep_ == "conj":
            node = node.head
            continue
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in lx.NOT_DOING_VERBS:
            return True
        return False
    return False


def _retort(tok: Token) -> bool:
    """'shot back that ...', 'hit back that ...', 'pointed out that ...': a phrasal verb of
    answering or saying with a that-clause."""
    kids = list(tok.children)
    lemma = tok.lemma_.lower()
    particle = "back" if lemma in lx.RETORT_VERBS else lx.PHRASAL_SPEECH_VERBS.get(lemma)
    return (
        particle is not None
        and any(c.lower_ == particle and c.dep_ in ("advmod", "prt") for c in kids)
        and any(c.dep_ == "ccomp" for c in kids)
    )


def _object_infinitive(tok: Token) -> bool:
    """'pressed the council to act': a verb of urging with its addressee and what they are to do."""
    kids = list(tok.children)
    return tok.lemma_.lower() in lx.PRESSING_VERBS \
        and any(c.dep_ in ("dobj", "obj") for c in kids) \
        and any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in kids)


def _no_subject(tok: Token) -> bool:
    return not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children)


def _infinitive_only(verb: Token) -> bool:
    """'agreed to meet', 'promised to visit': the verb's only complement is an infinitive, an
    action of the clause's subject rather than a report of what was said."""
    kids = list(verb.children)
    return any(
        c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in kids
    ) and not any(c.dep_ in ("ccomp", "dobj", "obj") for c in kids)


def reported_clause(parsed: Parsed, verb: Token) -> list[Range]:
    """The reported clause(s) of a cue as body ranges, cut before trailing cues of their own."""
    lemma = verb.lemma_.lower()
    toks: list[Token] = _act_content(verb, lemma)
    if toks and lemma in lx.DESCRIBING_VERBS and _has_quote(toks) and not (lemma == "call" and any(
            c.dep_ in ("prep", "prt") and c.lower_ in ("on", "for") and c.i == verb.i + 1
            for c in verb.children)):
        toks = []  # 'described him as a "close friend"': the quote is the describing form's
        # (not 'called on X to ensure a "free" vote': a call with its content)
    if not toks and (lemma in lx.DESCRIBING_VERBS or lemma in lx.OBJECT_PHRASE_ACTS
                     and lemma not in lx.REPORTING_VERBS):
        return []  # 'praised what she called ...': an act named by its object and phrase only
    ccomps = [c for c in verb.children if c.dep_ == "ccomp"
              and not _dashed_off(c, verb)] if not toks else []
    if lemma in lx.ATTITUDE_VERBS:
        ccomps = [
            c
            for o in verb.children
            if o.dep_ == "dobj" and o.lower_ in lx.ATTITUDE_NOUNS
            for c in o.children
            if c.dep_ in ("acl", "ccomp", "relcl")
            and any(m.lower_ == "that" for m in c.children)
        ]
    # '"...," she told executives gathered for a summit': after the quote it reports, what follows
    # the verb is its addressee with a participle, not a second clause
    if any(c.i < verb.i for c in ccomps):
        ccomps = [c for c in ccomps if c.i < verb.i or c.left_edge.i > verb.i + 1 and any(
            x.dep_ in ("nsubj", "nsubjpass", "expl") for x in c.children)
            and not _full_stop_between(verb, c.left_edge)]
    for c in ccomps:
        toks.extend(c.subtree)
        # 'warned the importance of X should not be overstated': the subject parsed as object
        if not any(x.dep_ in ("nsubj", "nsubjpass", "expl") for x in c.children):
            objs = [o for o in verb.children if o.dep_ == "dobj" and o.i < c.i]
            for o in objs:
                toks.extend(o.subtree)
    if not toks and (lemma in lx.SAY_VERBS or lemma in lx.PROMISE_VERBS):
        # 'told staff in a memo that ...', 'promised X in an agreement that ...': a that-clause
        # hung on the verb's object or adjunct
        for t in verb.subtree:
            if (
                t.dep_ in ("relcl", "acl", "ccomp")
                and t.head.dep_ in ("pobj", "dobj")
                and any(m.lower_ == "that" and m.dep_ == "mark" for m in t.children)
            ):
                node = t.head
                while (
                    node.i != verb.i
                    and node.head.i != node.i
                    and node.pos_ not in ("VERB", "AUX")
                ):
                    node = node.head
                if node.i == verb.i:
                    toks = list(t.subtree)
                    break
    if not toks and not ccomps and verb.dep_ == "parataxis" and verb.i < verb.head.i:
        # 'X told the BBC the damages, if granted, would serve ...': the parse made the reported
        # clause the root and the reporting verb an aside of it; what follows the addressee
        told = [c for c in verb.children if c.dep_ in ("dative", "iobj")]
        start = told[-1].right_edge.i + 1 if told else verb.i + 1
        toks = list(verb.doc[start: verb.head.right_edge.i + 1])
    inverted = (inverted_subject(verb) or trailing_report(verb)) if not toks else None
    if inverted is not None:
        # 'A will travel to B, her spokesman, X, told reporters': the clause before the speaker
        toks = [t for t in verb.head.subtree if t.i < inverted.left_edge.i - 1]
    if not toks and lemma in lx.SAY_VERBS:
        # 'to explain the meeting was not a sprint': the clause's subject parsed as the verb's
        # object, its verb hung elsewhere
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
        nxt = verb.doc[obj.right_edge.i + 1] if obj is not None and \
            obj.right_edge.i + 1 < verb.sent.end else None
        if nxt is not None and nxt.pos_ in ("AUX", "VERB") and nxt.dep_ not in ("aux", "auxpass") \
                and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in nxt.children):
            toks = [*obj.subtree, *nxt.subtree]
    if not toks and lemma in lx.OBJECT_INFINITIVE_VERBS:
        obj = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
        xcomp = [
            c
            for c in verb.children
            if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)
        ]
        if obj and xcomp and lemma != "call":
            toks = list(obj[0].subtree) + list(xcomp[0].subtree)
        elif obj and lemma == "urge":  # 'urging "a free and fair" vote': what was urged
            toks = list(obj[0].subtree)
            doc = verb.doc
            to = obj[0].right_edge.i + 1
            if to + 1 < len(doc) and doc[to].lower_ == "to" and doc[to + 1].pos_ not in (
                    "DET", "PRON", "PROPN", "NUM", "PUNCT") and verb.right_edge.i > to:
                # 'urged the council to fast-track the budget' with 'to' read as a preposition
                toks = list(doc[obj[0].left_edge.i: verb.right_edge.i + 1])
    if not toks and lemma in PREPOSITION_CONTENT:
        # 'warned against "one-sided" accusations': the phrase of the preposition is the content
        toks = next(
            (list(c.subtree) for c in verb.children
             if c.dep_ == "prep" and c.lower_ in PREPOSITION_CONTENT[lemma]),
            [],
        )
    subj_after = any(
        c.dep_ == "nsubj" and c.i > verb.i and c.pos_ not in ("PROPN", "PRON")
        for c in verb.children
    )
    if (
        (not toks or subj_after)
        and lemma in lx.SAY_VERBS
        and lemma not in lx.WRITING_VERBS
    ):
        doc = verb.doc
        trailing = (
            verb.tag_ == "VBG"
            and verb.i > 0
            and doc[verb.i - 1].text in (",", "—", "–")
            and verb.i + 1 < len(doc)
            and doc[verb.i + 1].pos_ not in ("ADP", "PART", "PUNCT")
        )  # ', saying the plan ...' but not 'Adding to the pressure, ...'
        if trailing or subj_after:
            # 'saying the package ... was unprecedented', headline 'X says talks to start':
            # the rest of the sentence, when the parse found no clause
            rest = [t for t in verb.sent if t.i > verb.i]
            if len([t for t in rest if t.is_alpha]) >= 4:
                toks = rest
    if not toks:
        return []
    toks = sorted(set(toks), key=lambda t: t.i)
    toks = [t for t in toks if t.i > verb.i] if toks[0].i < verb.i < toks[-1].i else toks
    toks = _with_stranded_predicate(toks)
    toks = _cut_source(cut_remark(_cut_nested(verb, toks)))
    toks = _without_time_of_saying(verb, toks)
    while len(toks) > 1 and (toks[-1].dep_ == "cc" or toks[-1].dep_ == "advmod"
                             and toks[-2].dep_ == "cc"):
        toks = toks[:-2] if toks[-1].dep_ == "advmod" else toks[:-1]  # '... and repeatedly'
    if not toks:
        return []
    b, e = trim(parsed.text, parsed.begin(toks[0]), parsed.end(toks[-1]))
    return [(b, e)] if e > b else []


def _act_content(verb: Token, lemma: str) -> list[Token]:
    """The content of a speech act named by its complement: 'pledged to lift the ban', 'denied
    supplying weapons', 'accused the regulator of stalling', 'dismissed the figures as invented',
    'called for calm'."""
    kids = list(verb.children)
    if lemma in lx.INFINITIVE_ACTS and not any(c.dep_ in ("ccomp", "dobj", "obj") and c.i > verb.i
                                               for c in kids):
        # (a clause before the act is another conjunct the parse hung on it: 'X has described
        # A as "B," threatened to C')
        xcomp = next((c for c in kids if c.dep_ == "xcomp"
                      and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children)), None)
        if xcomp is not None:
            # the threat's condition, which the parse may hang on the act: '... to walk out if ...'
            conditions = [t for c in kids if c.dep_ == "advcl" and c.i > xcomp.i
                          and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
                          for t in c.subtree]
            return sorted(set(xcomp.subtree) | set(conditions), key=lambda t: t.i)
    if lemma in lx.GERUND_ACTS and not any(c.dep_ == "ccomp" for c in kids):
        gerund = next((c for c in kids if c.dep_ in ("xcomp", "dobj") and c.tag_ == "VBG"), None)
        if gerund is not None:
            return list(gerund.subtree)
    preps = lx.OBJECT_PHRASE_ACTS.get(lemma)
    if preps:
        obj = next((c for c in kids if c.dep_ in ("dobj", "obj")), None)
        phrase = next((c for c in kids if c.dep_ == "prep" and c.lower_ in preps
                       or c.dep_ == "advcl" and c.i > verb.i
                       and any(m.dep_ == "mark" and m.lower_ in preps for m in c.children)), None)
        if phrase is None and obj is not None:  # the phrase hung on the object
            phrase = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ in preps), None)
        if phrase is not None and phrase.lower_ == "as" and _has_quote(phrase.subtree):
            # 'criticized the protesters as "paid agitators"': the quoted words are what was said
            return list(phrase.subtree)
        if obj is not None and phrase is not None:
            return sorted(set(obj.subtree) | set(phrase.subtree), key=lambda t: t.i)
    if lemma in lx.GERUND_ACTS:
        # 'advocated halting military aid': the gerund parsed as an adjective of the object
        obj = next((c for c in kids if c.dep_ == "dobj" and c.i > verb.i), None)
        if obj is not None and obj.left_edge.tag_ == "VBG" and obj.left_edge.dep_ == "amod":
            return list(obj.subtree)
    if lemma in ("call", "ask"):
        for c in kids:
            if c.dep_ == "prep" and c.lower_ == "for":  # 'called for calm': what was called for
                if lemma == "ask" and any(o.lemma_.lower() in lx.NEWSROOM_REQUESTS
                                          for o in c.children if o.dep_ == "pobj"):
                    return []  # 'asked the ministry for comment': the reporter's request
                # 'asked for the venue to be changed' with the infinitive hung on the verb
                then = [t for x in kids if x.dep_ in ("xcomp", "advcl")
                        and x.left_edge.i == c.right_edge.i + 1 and x.left_edge.lower_ == "to"
                        for t in x.subtree]
                content = [t for t in c.subtree if t.i != c.i] + then
                if not then and not _has_quote(content) \
                        and not any(x.dep_ in ("acl", "ccomp") or x.dep_ == "relcl" and any(
                                        a.lower_ == "to" for a in x.children)
                                    for o in c.children if o.dep_ == "pobj" for x in o.children):
                    return []  # 'called for his release': a noun phrase only, no statement
                return content
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children):
                # 'called for the law to be scrapped': the clause, without its 'for'
                return [t for t in c.subtree if not (t.dep_ == "mark" and t.head.i == c.i)]
    if lemma == "call":
        on = next((c for c in kids if c.dep_ in ("prep", "prt") and c.lower_ == "on"), None)
        xcomp = next((c for c in kids if c.dep_ == "xcomp" and c.i > verb.i
                      and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children)), None)
        addressee = next((p for p in on.children if p.dep_ == "pobj"), None) if on is not None else None
        if addressee is not None and xcomp is not None:  # 'called on the union to scrap the law'
            return [*addressee.subtree, *xcomp.subtree]
    return []


_DASHES = ("-", "–", "—")
_QUOTE_MARKS = frozenset("“”\"‘")


def _has_quote(toks) -> bool:
    """Whether any of the tokens is a quotation mark."""
    return any(t.text in _QUOTE_MARKS for t in toks)


def _full_stop_between(verb: Token, start: Token) -> bool:
    """'"...," it added in a post on X. The group did not ...': a full stop the sentence splitter
    missed (after 'X', an initial) ends what the verb reports."""
    doc = verb.doc
    return any(t.text.endswith(".") and doc[t.i + 1].text[:1].isupper()
               for t in doc[verb.i + 1: start.i] if t.i + 1 < len(doc))


def _dashed_off(clause: Token, verb: Token) -> bool:
    """'The stance has been mild – he has responded by saying ...': a clause before the verb and
    set off from it by a dash is the writer's, not what was said."""
    after = clause.right_edge.i + 1
    return clause.i < verb.i and after < verb.i and verb.doc[after].text in _DASHES \
        and verb.doc[after].whitespace_ != ""


def lone_dashes(toks: list[Token]) -> list[int]:
    """The positions in `toks` of dashes set off by spaces on both sides (' - ', not 'pro-EU')."""
    return [k for k, t in enumerate(toks) if t.text in _DASHES and t.whitespace_
            and t.i > 0 and t.doc[t.i - 1].whitespace_]


def cut_remark(toks: list[Token]) -> list[Token]:
    """Stop a clause before the writer's remark after a lone dash: 'is facing a "genocide" - a
    claim amplified by ...', 'was imminent – a promise he has made before', '... – which has been
    denied'. A pair of dashes sets off words inside the clause and is kept."""
    lone = lone_dashes(toks)
    if len(lone) != 1 or lone[0] + 1 >= len(toks):
        return toks
    after = toks[lone[0] + 1]
    if after.lower_ in ("a", "an", "which") or after.dep_ == "appos" or after.head.dep_ == "appos" \
            or after.dep_ == "det" and after.head.dep_ == "npadvmod":  # '- the first time ...'
        return toks[: lone[0]]
    return toks


def _with_stranded_predicate(toks: list[Token]) -> list[Token]:
    """'... cordoned off and some leaders had been "arrested" ahead of the march': a clause the
    parse ended on a conjoined subject whose verb it hung elsewhere takes that verb back."""
    last = toks[-1]
    doc = last.doc
    nxt = last.i + 1
    if last.dep_ != "conj" or last.pos_ not in ("NOUN", "PROPN") or nxt >= last.sent.end:
        return toks
    aux = doc[nxt]
    verb = aux.head
    if aux.dep_ not in ("aux", "auxpass") or verb.i <= nxt or any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return toks
    return toks + list(doc[nxt: verb.right_edge.i + 1])


def _without_time_of_saying(verb: Token, toks: list[Token]) -> list[Token]:
    """'said on Monday the law should go': a time right after the verb, which the parse put into
    the clause, dates the saying and is not what was said."""
    if not toks or toks[0].i != verb.i + 1:
        return toks
    first = toks[0]
    adjunct = first if first.dep_ == "npadvmod" else first if first.dep_ == "prep" else None
    if adjunct is None:
        return toks
    words = [t for t in adjunct.subtree if t.i != adjunct.i or adjunct.dep_ == "npadvmod"]
    if not words or not all(t.ent_type_ in ("DATE", "TIME") for t in words):
        return toks
    end = adjunct.right_edge.i
    return [t for t in toks if t.i > end]


def _cut_source(toks: list[Token]) -> list[Token]:
    """Stop a clause before the document it closes with: '... are "free," in a joint statement
    released Wednesday by X' (where the words were said, not what)."""
    for k, t in enumerate(toks):
        if k and t.dep_ == "prep" and t.lower_ == "in" and t.right_edge.i == toks[-1].i and any(
                o.dep_ == "pobj" and o.lemma_.lower() in lx.DOCUMENT_NOUNS for o in t.children):
            out = toks[:k]
            while out and out[-1].is_punct and out[-1].text not in ("”", "\"", "’"):
                out.pop()
            return out
    return toks


def _after_comma(tok: Token) -> bool:
    """Whether a comma comes right before `tok`, or before the closing quotation mark that does
    ('"... banking," without giving details')."""
    doc = tok.doc
    k = tok.i - 1
    if k > 0 and doc[k].text in ("”", "\"", "’") and doc[k - 1].text == ",":
        return True
    return k >= 0 and doc[k].text == ","


def _cut_nested(verb: Token, toks: list[Token]) -> list[Token]:
    """Stop a clause before a trailing cue of its own (', saying ...', 'and said ...') or a
    contrasting clause of the narrator ('..., but he was noncommittal')."""
    cut = None
    for t in toks:
        if t.i == verb.i or t.i <= toks[0].i:
            continue
        head_subject = next(
            (c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass")), None
        )
        shares_subject = head_subject is not None and head_subject.lower_ in (
            "he",
            "she",
            "they",
            "i",
            "we",
        )
        if (
            is_cue(t)
            and _no_subject(t)
            and t.lower_ not in lx.NON_SPEECH_PARTICIPLES
            and (not _infinitive_only(t) or t.lemma_.lower() in lx.INFINITIVE_ACTS)
            and (t.dep_ == "advcl" or t.dep_ == "conj" and not shares_subject)
        ):
            cut = t.left_edge.i if t.dep_ == "advcl" else t.i
        elif (
            (t.dep_ == "advcl" and t.lower_ in lx.NON_SPEECH_PARTICIPLES
             or t.lower_ == "without" and t.dep_ == "prep"
             and any(c.tag_ == "VBG" for c in t.children))
            and _after_comma(t)
        ):
            # ', suggesting ...', ', without giving details': the writer's inference or remark
            cut = t.i
        elif (
            t.dep_ == "conj"
            and t.pos_ in ("VERB", "AUX")
            and any(c.lower_ == "but" and c.dep_ == "cc" for c in t.head.children if c.i < t.i)
            and not _no_subject(t)
            and not any(m.lower_ == "that" for m in t.children)
        ):
            cut = max(c.i for c in t.head.children if c.lower_ == "but" and c.i < t.i)
        elif (
            is_cue(t)
            and t.dep_ in ("advcl", "conj")
            and not _no_subject(t)
            and any(m.lower_ in ("while", "whereas") for m in t.children if m.i < t.i)
        ):
            # ', while X said ...': another speaker, set against this one by the writer
            cut = min(m.i for m in t.children if m.lower_ in ("while", "whereas"))
        if cut is not None:
            break
    if cut is None:
        return toks
    out = [t for t in toks if t.i < cut]
    while out and (out[-1].is_punct or out[-1].lower_ in ("and", "but", "while")):
        out.pop()
    return out
