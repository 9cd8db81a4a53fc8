"""Statements: reported clauses and quotations, each tied to the cue that attributes it.

Candidates come from four places, then get their speakers in document order:

1. reporting verbs with a content clause ("X said (that) ...", "X urged Y to ...", "expressed
   hopes that ...", "according to X, ..."); a clause dominated by a long quotation becomes direct
   speech with the quoted words, one with short quoted words stays indirect (mixed) speech;
2. quotations next to a cue in their sentence ('"A," he said', 'X said: "A"', '..., X told ...');
3. quotations inside the phrase of a describing verb or a post ("called it a 'good suggestion'");
4. floating quotations: a quotation opening its sentence or paragraph with no cue belongs to the
   speaker of the statement before it (paragraph-continuation quotes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from kg.extract import lexicon as lx
from kg.extract.parse import Parsed
from kg.extract.quotes import Quote
from kg.model import SpeechMode

_WORD = re.compile(r"\w+")
DATELINE = re.compile(
    r"\b[A-Z]{3,}(?:[ -][A-Z]{2,})*(?:,\s*[A-Z][a-z]{2,}\.?\s*\d{1,2})?(?:\s*\([\w ]+\))?\s*(?:--|—|–)\s+"
)
MIN_FLOATING_WORDS = 3  # shorter unattributed quotes are scare quotes, not statements
MIN_DIRECT_WORDS = 4  # a quote this long dominating its clause makes the clause direct speech
# Reporting verbs whose content can be a prepositional phrase ('warned against ...').
PREPOSITION_CONTENT = {"warn": ("against", "of"), "caution": ("against",)}


@dataclass
class Candidate:
    """A statement before its speaker is known."""

    begin: int
    end: int
    mode: SpeechMode
    cue: Token | None = None  # the reporting verb (its subject is the speaker)
    subject: Token | None = None  # explicit speaker phrase ('according to X')
    floating: bool = False
    author: str | None = None  # an embedded post's author as printed
    person: object | None = None  # ... and the Person it names
    verb: str | None = None
    runs_on: bool = False  # a quote left open at the end of its paragraph


def words(text: str) -> int:
    return len(_WORD.findall(text))


def _no_subject(tok: Token) -> bool:
    return not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children)


def is_cue(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    if lemma in ("express", "voice") and tok.pos_ == "VERB":
        return any(c.dep_ == "dobj" and c.lower_ in lx.ATTITUDE_NOUNS for c in tok.children)
    if tok.pos_ not in ("VERB",) and not (tok.pos_ == "NOUN" and lemma in ("say",)):
        return False
    if lemma not in lx.REPORTING_VERBS and lemma not in lx.DESCRIBING_VERBS \
            and not _retort(tok):
        return False
    if tok.lower_ in lx.NON_SPEECH_PARTICIPLES:
        return False
    if any(c.dep_ in ("auxpass", "nsubjpass", "neg") for c in tok.children):
        return False  # 'was told', 'were asked', 'did not say'
    if tok.tag_ == "VBN" and not any(c.dep_ == "aux" for c in tok.children) and tok.dep_ != "ROOT":
        return False  # 'Asked whether ..., she declined': a passive participle
    return True


def _retort(tok: Token) -> bool:
    """'shot back that ...', 'hit back that ...': a phrasal verb of answering with a that-clause."""
    kids = list(tok.children)
    return (
        tok.lemma_.lower() in ("shoot", "hit", "fire", "push")
        and any(c.lower_ == "back" and c.dep_ in ("advmod", "prt") for c in kids)
        and any(c.dep_ == "ccomp" for c in kids)
    )


def _infinitive_only(verb: Token) -> bool:
    """'agreed to meet', 'promised to visit': the verb's only complement is an infinitive, an
    action of the clause's subject rather than a report of what was said."""
    kids = list(verb.children)
    return any(
        c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in kids
    ) and not any(c.dep_ in ("ccomp", "dobj", "obj") for c in kids)


def _set_off_at_edge(sent, phrase: list[int]) -> bool:
    """Whether the token indexes `phrase` open the sentence before a comma, or close it after one."""
    first, last = phrase[0], phrase[-1]
    doc = sent.doc
    tail = [t for t in doc[last + 1 : sent.end] if not t.is_punct]
    if first > sent.start and doc[first - 1].text == "," and not tail:
        return True
    return first == sent.start and last + 1 < sent.end and doc[last + 1].text == ","


class StatementFinder:
    """Finds statement candidates in a parsed body."""

    def __init__(self, parsed: Parsed, quotes: list[Quote]):
        self.parsed = parsed
        self.text = parsed.text
        self.quotes = [q for q in quotes]
        self.used: set[int] = set()  # indexes of quotes consumed
        self.candidates: list[Candidate] = []

    # -- helpers ---------------------------------------------------------------------------------

    def in_quote(self, pos: int) -> Quote | None:
        for q in self.quotes:
            if q.begin <= pos < q.end:
                return q
        return None

    def _range(self, toks: list[Token]) -> tuple[int, int]:
        return self.parsed.begin(toks[0]), self.parsed.end(toks[-1])

    def _trim(self, b: int, e: int) -> tuple[int, int]:
        t = self.text
        while b < e and (t[b].isspace() or t[b] in ",;:—–-"):
            b += 1
        m = re.match(r"that\s+", t[b:e], flags=re.IGNORECASE)  # the complementizer
        if m:
            b += m.end()
        while e > b and (t[e - 1].isspace() or t[e - 1] in ",.;:—–-"):
            e -= 1
        return b, e

    # -- 1. reporting verbs with content -----------------------------------------------------------

    def find(self) -> list[Candidate]:
        cues: list[Token] = []
        according: list[Token] = []
        for tok in self.parsed.all_tokens():
            pos = self.parsed.begin(tok)
            if self.in_quote(pos):
                continue
            if (
                tok.lower_ == "according"
                and tok.i + 1 < len(tok.doc)
                and tok.doc[tok.i + 1].lower_ == "to"
            ):
                according.append(tok)
            elif is_cue(tok):
                cues.append(tok)
        contents = {tok: self._contents(tok) for tok in cues}
        # a cue inside another cue's reported clause is part of that report, not a statement
        spans = [(b, e, c) for c, ranges in contents.items() for b, e in ranges]
        active = [
            c
            for c in cues
            if not any(b <= self.parsed.begin(c) < e and d is not c for b, e, d in spans)
        ]
        for tok in active:
            for b, e in contents[tok]:
                self._emit_content(b, e, verb=tok)
        for tok in according:
            self._according(tok)
        for tok in active:
            self._described(tok)
        self._adjacent(active, contents)
        self._floating()
        return sorted(self.candidates, key=lambda c: c.begin)

    def _contents(self, verb: Token) -> list[tuple[int, int]]:
        """The reported clause(s) of a cue as body ranges, cut before trailing cues of their own."""
        lemma = verb.lemma_.lower()
        if lemma in lx.DESCRIBING_VERBS:
            return []
        toks: list[Token] = []
        ccomps = [c for c in verb.children if c.dep_ == "ccomp"]
        if lemma in ("express", "voice"):
            ccomps = [
                c
                for o in verb.children
                if o.dep_ == "dobj" and o.lower_ in lx.ATTITUDE_NOUNS
                for c in o.children
                if c.dep_ in ("acl", "ccomp", "relcl")
                and any(m.lower_ == "that" for m in c.children)
            ]
        for c in ccomps:
            toks.extend(c.subtree)
            # 'warned the importance of X should not be overstated': the subject parsed as object
            if not any(x.dep_ in ("nsubj", "nsubjpass", "expl") for x in c.children):
                objs = [o for o in verb.children if o.dep_ == "dobj" and o.i < c.i]
                for o in objs:
                    toks.extend(o.subtree)
        if not toks and lemma in lx.SAY_VERBS:
            # 'told staff in a memo that ...': a that-clause hung on the verb's object or adjunct
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
            and lemma not in ("post", "tweet", "write")
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
        toks = self._cut_nested(verb, toks)
        if not toks:
            return []
        b, e = self._range(toks)
        b, e = self._trim(b, e)
        return [(b, e)] if e > b else []

    def _cut_nested(self, verb: Token, toks: list[Token]) -> list[Token]:
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
                and not _infinitive_only(t)
                and (t.dep_ == "advcl" or t.dep_ == "conj" and not shares_subject)
            ):
                cut = t.left_edge.i if t.dep_ == "advcl" else t.i
            elif (
                t.dep_ == "advcl"
                and t.lower_ in lx.NON_SPEECH_PARTICIPLES
                and t.i > 0
                and t.doc[t.i - 1].text == ","
            ):
                cut = t.i - 1  # ', suggesting ...': the writer's inference, not the report
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

    def _emit_content(
        self, b: int, e: int, *, verb: Token | None = None, subject: Token | None = None
    ) -> None:
        b, e = self._trim(b, e)
        # a photo credit or other short parenthesis closing the clause: '... (Reuters)'
        m = re.search(r"\s*\((?:\w+\s?){1,3}\)?$", self.text[b:e])
        if m:
            e = b + m.start()
        # a dateline the parse took into the clause: 'SEOUL, Jan. 2 (Yonhap) -- ...'
        for m in DATELINE.finditer(self.text, b, e):
            b = m.end()
        if e <= b:
            return
        # a quote that starts inside the clause belongs to it whole
        for q in self.quotes:
            if q.begin < b < q.end and b < q.inner_end:
                b = q.begin
        for q in self.quotes:
            if b <= q.begin < e < q.end:
                e = q.end
        for sb, se in self._segments(b, e):
            self._emit_segment(sb, se, verb=verb, subject=subject)

    def _segments(self, b: int, e: int) -> list[tuple[int, int]]:
        """Split a clause at 'and that' and before a long quote opening a new conjunct."""
        cuts = [b]
        for m in re.finditer(r",?\s+and\s+(that\s+)?(?=[“\"‘]?)", self.text[b:e]):
            nxt = b + m.end()
            q = next((q for q in self.quotes if q.begin == nxt), None)
            if m.group(1) or (
                q and words(q.inner(self.text)) >= MIN_DIRECT_WORDS and m.group().startswith(",")
            ):
                if not self.in_quote(b + m.start()):
                    cuts.append((b + m.start(), nxt))
        out = []
        start = b
        for c in cuts[1:]:
            out.append((start, c[0]))
            start = c[1]
        out.append((start, e))
        return [self._trim(x, y) for x, y in out if words(self.text[x:y]) >= 2]

    def _emit_segment(self, b: int, e: int, *, verb: Token | None, subject: Token | None) -> None:
        inside = [
            (i, q)
            for i, q in enumerate(self.quotes)
            if b <= q.begin and q.end <= e + 1 or q.begin <= b < q.end
        ]
        total = words(self.text[b:e])
        quoted = sum(words(q.inner(self.text)) for _, q in inside)
        shortest = min((words(q.inner(self.text)) for _, q in inside), default=0)
        for i, _ in inside:
            self.used.add(i)
        first = inside[0][1] if inside else None
        whole = first is not None and first.begin <= b and first.end >= e
        opening = (
            first is not None
            and first.begin <= b
            and (whole or words(first.inner(self.text)) >= MIN_DIRECT_WORDS)
        )
        if opening:  # '"a deal on Gaza" was imminent': the quoted words are the statement
            inside = inside[:1]
        # a clause dominated by long quotes is direct speech, in the words of each quote; one
        # that also holds a short quote ('would "pay off" and "make us all safer"') stays whole
        dominated = shortest >= MIN_DIRECT_WORDS and quoted >= 0.5 * total
        if inside and (opening or dominated):
            for _, q in inside:
                if words(q.inner(self.text)) >= 2:
                    self.candidates.append(
                        Candidate(
                            q.inner_begin, q.inner_end, SpeechMode.DIRECT, cue=verb, subject=subject
                        )
                    )
            return
        if total < 2:
            return
        mode = SpeechMode.MIXED if inside else SpeechMode.INDIRECT
        self.candidates.append(Candidate(b, e, mode, cue=verb, subject=subject))

    def _according(self, tok: Token) -> None:
        to = tok.doc[tok.i + 1]
        pobj = [c for c in to.children if c.dep_ == "pobj"]
        if not pobj:
            return
        speaker = pobj[0]
        # 'a White House readout' / 'reports': the speaker is the named agent inside
        head = tok.head
        while (
            head.dep_ not in ("ROOT",)
            and head.head.i != head.i
            and head.pos_ not in ("VERB", "AUX")
        ):
            head = head.head
        sent = tok.sent
        phrase = set(t.i for t in tok.subtree) | {tok.i, to.i} | set(t.i for t in to.subtree)
        toks = [t for t in sent if t.i not in phrase]
        if head.pos_ in ("VERB", "AUX"):
            # keep the clause the phrase modifies
            toks = [t for t in toks if t.i >= head.left_edge.i and t.i <= head.right_edge.i]
        elif not _set_off_at_edge(sent, sorted(phrase)):
            # no verb in sight: only a phrase set off at the sentence's edge reports all the rest
            # (the parse lost the verb of 'X hosted Y last week, according to Z')
            return
        if not toks:
            return
        # the clause is the longest stretch of the sentence outside the 'according to' phrase
        runs: list[list[Token]] = [[toks[0]]]
        for t in toks[1:]:
            if t.i == runs[-1][-1].i + 1:
                runs[-1].append(t)
            else:
                runs.append([t])
        best = max(runs, key=lambda r: self.parsed.end(r[-1]) - self.parsed.begin(r[0]))
        b, e = self.parsed.begin(best[0]), self.parsed.end(best[-1])
        before = len(self.candidates)
        self._emit_content(b, e, subject=speaker)
        for cand in self.candidates[before:]:
            cand.verb = "according to"

    # -- 3. quotes in the phrase of a describing verb or post ---------------------------------------

    def _described(self, verb: Token) -> None:
        lemma = verb.lemma_.lower()
        if lemma not in lx.DESCRIBING_VERBS and lemma not in ("post", "write", "tweet"):
            return
        hi = verb.right_edge
        b, e = self.parsed.begin(verb), self.parsed.end(hi)
        for i, q in enumerate(self.quotes):
            if i in self.used:
                continue
            right_after = (
                e <= q.begin and not self.text[e : q.begin].strip()
            )  # 'a post titled "..."'
            # the phrase may stop before a full stop printed inside the closing mark
            if not (b <= q.begin and q.inner_end <= e + 1 or right_after):
                continue
            if lemma not in lx.DESCRIBING_VERBS and words(q.inner(self.text)) < 3:
                continue  # 'wrote a book titled "Hard Choices"': a title, not the post's words
            self.used.add(i)
            self.candidates.append(
                Candidate(q.inner_begin, q.inner_end, SpeechMode.DIRECT, cue=verb)
            )

    # -- 2. quotes next to a cue --------------------------------------------------------------------

    def _adjacent(self, cues: list[Token], contents: dict[Token, list]) -> None:
        text = self.text
        cue_at = sorted((self.parsed.begin(t), t) for t in cues)
        for i, q in enumerate(self.quotes):
            if i in self.used:
                continue
            prev_end = max([x.end for x in self.quotes if x.end <= q.begin] + [0])
            next_begin = min([x.begin for x in self.quotes if x.begin >= q.end] + [len(text)])
            pi = self.parsed.para_index(q.begin)
            para_b, para_e = self.parsed.paras[pi]
            inner = q.inner(text).rstrip()
            after = text[q.end : min(next_begin, para_e)]
            cue = None
            lead = text[max(prev_end, para_b) : q.begin]
            opens_clause = not lead.strip() or re.search(r"[.!?:;…”\"]\s*$", lead)
            if (
                inner
                and (inner[-1] in ",?!…—-" or after.lstrip(" ").startswith((",", ":")))
                and (opens_clause or words(inner) >= MIN_DIRECT_WORDS)
            ):
                stop = re.search(r"[.!?](\s|$)", after)
                window_end = q.end + (stop.end() if stop else len(after))
                found = [t for b, t in cue_at if q.end <= b < window_end]
                cue = found[0] if found else None
                if cue is not None and after.lstrip(" ").startswith(":") and contents.get(cue):
                    cue = None  # '"A": X demands B': a label quote; the cue reports B, not A
            if cue is None:
                k = q.begin - 1
                while k > para_b and text[k].isspace():
                    k -= 1
                sent = self.parsed.sent_at(k)
                window_begin = max(prev_end, para_b, self.parsed.sbegin(sent))
                before = text[window_begin : q.begin].rstrip()
                if (
                    before.endswith((":", ","))
                    or re.search(r"\b(that)$", before)
                    or (
                        before
                        and any(  # the cue is the last word before the quote ('told “...”')
                            window_begin <= b and self.parsed.end(t) == window_begin + len(before)
                            for b, t in cue_at
                        )
                    )
                ):
                    found = [t for b, t in cue_at if window_begin <= b < q.begin]
                    cue = found[-1] if found else None
            if cue is not None:
                self.used.add(i)
                self.candidates.append(
                    Candidate(q.inner_begin, q.inner_end, SpeechMode.DIRECT, cue=cue)
                )

    # -- 4. floating quotes -----------------------------------------------------------------------

    def _floating(self) -> None:
        text = self.text
        for i, q in enumerate(self.quotes):
            if i in self.used or words(q.inner(text)) < MIN_FLOATING_WORDS:
                continue
            pi = self.parsed.para_index(q.begin)
            para_b, _ = self.parsed.paras[pi]
            before = text[para_b : q.begin]
            opens = not before.strip() or re.search(r"[.!?…”\"’)]\s*$", before)
            if not opens:
                continue
            # a title at the head of a sentence ('"The Last Waltz" won ...') is not speech
            inner = q.inner(text).rstrip()
            after = text[q.end : self.parsed.paras[pi][1]]
            if q.closed and not re.search(r"[.!?…,:;—-]$", inner) and re.match(r"\s*\w", after):
                continue
            self.used.add(i)
            self.candidates.append(
                Candidate(
                    q.inner_begin,
                    q.inner_end,
                    SpeechMode.DIRECT,
                    floating=True,
                    runs_on=not q.closed,
                )
            )
