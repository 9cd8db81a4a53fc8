"""'according to X': the clause the phrase modifies, credited to X.

With no verb in sight, only a phrase set off at the sentence's edge reports all the rest of the
sentence (the parse lost the verb of 'X hosted Y last week, according to Z').
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.cues import cut_remark, lone_dashes
from kg.extract.forms.base import ByPhrase, Candidate, Context, Found
from kg.extract.forms.clauses import clause_statements

#: An example sentence of the form, and the statement it gives (tests/extract/test_forms.py).
EXAMPLE = ('The talks will resume in March, according to Foreign Minister Ana Diaz.',
           'The talks will resume in March')

def find(ctx: Context, claimed: frozenset[int]) -> Found:
    candidates: list[Candidate] = []
    taken: set[int] = set()
    for tok in ctx.cues.according:
        found = _according(ctx, tok)
        candidates.extend(found.candidates)
        taken |= found.claimed
    return Found(tuple(candidates), frozenset(taken))


def _according(ctx: Context, tok: Token) -> Found:
    parsed = ctx.parsed
    to = tok.doc[tok.i + 1]
    pobj = [c for c in to.children if c.dep_ == "pobj"]
    if not pobj:
        return Found()
    speaker = pobj[0]
    if speaker.pos_ == "NOUN":  # 'its anti-graft body, the Office of X', parsed as two objects
        others = [*pobj[1:], *(c for c in tok.children if c.dep_ == "pobj")]
        k = speaker.right_edge.i + 1  # or hung anywhere: the name right after the comma
        while k + 1 < len(tok.doc) and tok.doc[k].text == "," or tok.doc[k].lower_ == "the":
            k += 1
        if k < len(tok.doc) and k > speaker.right_edge.i + 1 and tok.doc[k].pos_ == "PROPN" \
                and not any(t.pos_ in ("VERB", "AUX") for t in tok.doc[k: tok.sent.end]):
            others.append(tok.doc[k])  # (a name closing the sentence, not the next clause's subject)
        speaker = next((p for p in others if p.pos_ == "PROPN"), speaker)
    # 'a White House readout' / 'reports': the speaker is the named agent inside
    head = tok.head
    while (
        head.dep_ not in ("ROOT",)
        and head.head.i != head.i
        and head.pos_ not in ("VERB", "AUX")
    ):
        head = head.head
    sent = tok.sent
    phrase = {t.i for t in tok.subtree} | {tok.i, to.i} | {t.i for t in to.subtree}
    toks = [t for t in sent if t.i not in phrase]
    if head.pos_ in ("VERB", "AUX"):
        # keep the clause the phrase modifies
        toks = [t for t in toks if t.i >= head.left_edge.i and t.i <= head.right_edge.i]
    elif not _set_off_at_edge(sent, sorted(phrase)):
        return Found()
    if not toks:
        return Found()
    # the clause is the longest stretch of the sentence outside the 'according to' phrase
    runs: list[list[Token]] = [[toks[0]]]
    for t in toks[1:]:
        if t.i == runs[-1][-1].i + 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    best = max(runs, key=lambda r: parsed.end(r[-1]) - parsed.begin(r[0]))
    dashes = lone_dashes(best)
    if dashes and best[-1].i < tok.i and dashes[-1] + 1 < len(best):
        # '... killed many – now more than 3,000, according to X': X vouches for what follows
        # the dash, the writer for the rest
        best = best[dashes[-1] + 1:]
    best = cut_remark(best)  # '..., according to X, A was B - a move that ...': the writer's
    if not best:
        return Found()
    b, e = parsed.begin(best[0]), parsed.end(best[-1])
    if any(b <= parsed.begin(cue) < e and ctx.cues.contents.get(cue)
           and not ctx.in_quote(parsed.begin(cue)) for cue in ctx.cues.active):
        # 'X told Y that ..., according to the ministry': the report names its own speaker; the
        # phrase says where the report comes from, and X is who spoke
        return Found()
    return clause_statements(ctx, b, e, ByPhrase(speaker), verb="according to")


def _set_off_at_edge(sent, phrase: list[int]) -> bool:
    """Whether the token indexes `phrase` open the sentence before a comma, or close it after one."""
    first, last = phrase[0], phrase[-1]
    doc = sent.doc
    tail = [t for t in doc[last + 1 : sent.end] if not t.is_punct]
    if first > sent.start and doc[first - 1].text == "," and not tail:
        return True
    return first == sent.start and last + 1 < sent.end and doc[last + 1].text == ","
