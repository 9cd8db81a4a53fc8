"""Who a subject phrase is: a named person, a pronoun, a title used as a reference, or an organisation.

Resolution happens in document order (`Speakers.resolve` is called statement by statement), so a
pronoun can look back at the speaker of the previous statement. Rules, in order, for he/she:
a person who is the subject earlier in the same sentence, the last speaker (when the gender does
not clash), the most recent person in subject position, the most recent person mentioned.
Mentions inside quotation marks never serve as antecedents.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Token

from kg.extract import lexicon as lx
from kg.extract.offices import Offices
from kg.extract.titles import Title, normalize_title
from kg.extract.parse import Parsed
from kg.extract.people import People, Person
from kg.extract.quotes import Quote
from kg.extract.syntax import subject_of


@dataclass(frozen=True)
class Who:
    """A resolved speaker: a person, or an organisation by name, or an unresolved title."""

    person: Person | None = None
    org: str | None = None
    title: Title | None = None  # a title with no holder yet ("France's defence minister warned")
    span: tuple[int, int] | None = None  # where that title is printed


class Speakers:
    """Resolves subject tokens to speakers against the people and offices of one article."""

    def __init__(self, parsed: Parsed, people: People, offices: Offices, quotes: list[Quote]):
        self.parsed = parsed
        self.people = people
        self.offices = offices
        self.quotes = quotes
        self._spoken: list[tuple[int, Person]] = []  # (where, who) of each attributed person
        self._said: list[tuple[int, Who]] = []  # (where, who) of each attributed speaker
        # gender evidence: titles ('spokeswoman'), then honorifics ('Ms'), which win; a pronoun
        # resolved to a person of no known gender adds its own (`pronoun`)
        self._gender: dict[Person, str] = {**offices.genders, **people.genders}
        # person mentions outside quotes, with whether they are subjects
        self._mentions = []
        for b, e, p in people.mentions():
            if any(q.begin <= b < q.end for q in quotes if not q.single):
                continue
            toks = parsed.tokens(b, e)
            subj = any(
                t.dep_ in ("nsubj", "nsubjpass")
                or t.dep_ in ("appos", "poss") and t.head.dep_ in ("nsubj", "nsubjpass")
                for t in toks
            )  # 'the envoy, Ana Diaz, ...' and 'Diaz's approach ...' are what the clause is about
            self._mentions.append((b, e, p, subj))

    def knowing(self, offices: Offices) -> Speakers:
        """This resolver, with what it has learned so far, over `offices` (these and the titles
        the speakers stage gave their holders): what later stages resolve against."""
        later = copy.copy(self)
        later.offices = offices
        later._spoken = list(self._spoken)
        later._said = list(self._said)
        later._gender = dict(self._gender)
        return later

    def spoke(self, who: Who, where: int) -> None:
        """Record that `who` was credited with what is said at offset `where`."""
        self._said.append((where, who))
        if who.person is not None:
            self._spoken.append((where, who.person))

    def last_speaker(self, pos: int) -> Person | None:
        """The speaker credited last before offset `pos` (meetings are read after all
        statements, so this is positional, never simply the article's last speaker)."""
        return next((p for where, p in reversed(self._spoken) if where < pos), None)

    def spoken_after(self, pos: int) -> list[Person]:
        """The people credited with something said after offset `pos`, in order of first word."""
        out: list[Person] = []
        for where, person in self._spoken:
            if where >= pos and all(person is not seen for seen in out):
                out.append(person)
        return out

    def speaking_at(self, pos: int) -> Person | None:
        """The person whose own words, printed without quotation marks, run over offset `pos`:
        the speaker credited last at or before `pos` in its paragraph ('PRESIDENT DIAZ: We met
        in May.', a labelled turn and the paragraphs it runs on to). None inside a quotation,
        before the first credit of the paragraph, or where no person is credited. Read-only."""
        if self._quoted(pos):
            return None
        para = self.parsed.para_index(pos)
        where, who = max(((w, x) for w, x in self._said if w <= pos), default=(None, None),
                         key=lambda s: s[0])
        if where is None or self.parsed.para_index(where) != para:
            return None
        return who.person

    def resolve(self, tok: Token | None) -> Who | None:
        if tok is None:
            return None
        parsed = self.parsed
        b, e = parsed.begin(tok), parsed.end(tok)
        person = self.people.at(b, e)
        if person:
            return Who(person=person)
        person = self.named_subject(tok)
        if person:
            return Who(person=person)
        low = tok.lower_
        if tok.pos_ == "PRON" and low in ("he", "she", "his", "her"):  # 'her warning that ...'
            p = self.pronoun(b, "f" if low in ("she", "her") else "m")
            return Who(person=p) if p else None
        if tok.pos_ == "PRON" and low in ("it", "its"):  # 'its allegation that ...'
            body = self._last_body(b) or self._body_before_in_sentence(tok)
            return Who(org=body) if body else None
        if (leaders := self.leaders_of(tok)):  # 'the leaders of France and Germany said'
            return Who(person=leaders[0])
        if (tok.lemma_.lower() in lx.TITLE_HEADS and tok.pos_ in ("NOUN", "PROPN")
                and tok.tag_ not in ("NNS", "NNPS")):  # 'the two leaders said': no one person
            who = self.title_reference(tok)
            if who:
                return who
        if (body := self.scoped_body(tok)) is not None:
            return Who(org=body)
        if self._definite_bare(tok) and tok.lemma_.lower() in lx.BODY_HEADS:
            # 'the company added': the organisation credited last, as for 'it'
            body = self._last_body(b)
            if body:
                return Who(org=body)
        if self._definite_bare(tok) and tok.lemma_.lower() in lx.PERSON_NOUNS:
            # 'the conservative leader has pledged ...': whom the sentence before is about
            p = self._previous_subject(b)
            if p is not None:
                return Who(person=p)
        if tok.ent_type_ == "NORP" and tok.tag_ in ("NNS", "NNPS") \
                and not any(c.lower_ == "the" for c in tok.children):
            return None  # 'fewer Australians believe ...': people of a country, not its government
        if tok.ent_type_ in ("ORG", "GPE", "NORP") or low in lx.SEATS or _seat(tok):
            return Who(org=self._entity_name(tok))
        if tok.pos_ == "PROPN" and tok.text in self._organisations \
                and not any(c.dep_ == "compound" for c in tok.children):
            return Who(org=tok.text)  # 'Coupang argued': a name the article tags as a body elsewhere
        if self._entity_name(tok) in self.people.companies:  # 'clothing brand Hugo Lind said'
            return Who(org=self._entity_name(tok))
        if (body := self.body_behind(tok)) is not None:
            return Who(org=body)
        named = [c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        if named and tok.pos_ == "NOUN" and tok.lemma_.lower() in lx.BODY_NOUNS:
            # 'according to its anti-graft body, the Inspectorate of Government (IGG)'
            return self.resolve(named[0])
        return None

    def leaders_of(self, tok: Token) -> list[Person]:
        """'The leaders of France and Germany': for each country named, the one person of the
        article whose title is scoped by that country or who is introduced by it ('Germany's X').
        Empty unless every country has exactly one such person."""
        if tok.tag_ not in ("NNS", "NNPS") or tok.lemma_.lower() not in lx.TITLE_HEADS:
            return []
        places = [c for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
                  for o in p.children if o.dep_ == "pobj" for c in (o, *o.conjuncts)]
        codes = [lx.COUNTRIES.get(c.lower_) for c in places]
        if len(codes) < 2 or None in codes:
            return []
        text = self.parsed.text
        out = []
        for code in codes:
            found = {p for p in self.people.persons if self.offices.jurisdiction_of(p) == code}
            found |= {p for b, _, p in self.people.mentions()
                      if (m := re.search(r"(\w+)['’]s\s+$", text[max(0, b - 30):b]))
                      and lx.COUNTRIES.get(m.group(1).lower()) == code}
            if len(found) != 1:
                return []
            out.append(found.pop())
        return out

    def body_behind(self, tok: Token) -> str | None:
        """The named body an unnamed representative or a document speaks for: 'a spokesperson for
        the Valdorian government', 'an Acme spokesman', 'figures released by the commission', 'a
        statement from the ministry'. A representative of no named body ('an official') is nobody."""
        lemma = tok.lemma_.lower()
        document = lemma in lx.DOCUMENT_NOUNS or tok.lower_ in lx.DOCUMENT_NOUNS
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        if lemma in lx.REPRESENTATIVE_NOUNS:  # 'officials of the central bank' speak for it
            places = [p for c in tok.rights if c.dep_ == "prep" and c.lower_ in ("for", "of", "at")
                      for p in c.children if p.dep_ == "pobj"]
            named = [t for c in tok.lefts if c.dep_ in ("compound", "poss", "nmod")
                     for t in c.subtree if t.ent_type_ == "ORG"]
        elif document:
            agents = [c for c in tok.children if c.dep_ in ("acl", "relcl") and c.tag_ == "VBN"]
            places = [p for c in [*tok.rights, *(k for a in agents for k in a.children)]
                      if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by", "of")
                      for p in c.children if p.dep_ == "pobj"]
            named = [t for c in tok.lefts if c.dep_ in ("poss",) for t in c.subtree
                     if t.ent_type_ in ("ORG", "GPE")]
            seat = [t for c in tok.lefts if c.dep_ == "compound" for t in c.subtree]
            if seat and " ".join(t.lower_ for t in seat) in lx.SEATS:  # 'a White House readout'
                return _joined(seat)
        else:
            return None
        for p in places:
            if (body := self.scoped_body(p)) is not None:
                return body
            if p.ent_type_ in ("ORG", "GPE") or p.lower_ in lx.SEATS or _seat(p):
                return self._entity_name(p)
            if lemma in lx.REPRESENTATIVE_NOUNS and p.pos_ == "PROPN" and self.people.at(
                    self.parsed.begin(p), self.parsed.end(p)) is None:
                # 'a spokesperson for Acme': what a spokesperson speaks for is a body, whatever
                # the NER made of a name that is no person of the article
                return self._entity_name(p)
        return self._entity_name(named[-1]) if named else None

    def _body_before_in_sentence(self, tok: Token) -> str | None:
        """'a statement released by the ministry on Thursday, when it said ...': the body the
        sentence names before the pronoun, as the source of a document or as an organisation."""
        found = None
        for t in tok.sent:
            if t.i >= tok.i:
                break
            if self._quoted(self.parsed.begin(t)):
                continue
            if t.lemma_.lower() in lx.DOCUMENT_NOUNS and (body := self.body_behind(t)):
                found = body
            elif t.ent_type_ == "ORG" and t.ent_iob_ == "B" and t.head.lemma_.lower() not in lx.DOCUMENT_NOUNS:
                found = self._entity_name(t)
        return found

    def _last_body(self, pos: int) -> str | None:
        """'it said': the organisation credited last, if that was within this paragraph or the
        one before and no person was credited since."""
        for where, who in reversed(self._said):
            if where >= pos or who.org is None and self._quoted(where):
                continue  # a person reported inside a body's quotation leaves the body in view
            near = self.parsed.para_index(where) >= self.parsed.para_index(pos) - 1
            return who.org if who.org and near else None
        return None

    def scoped_body(self, tok: Token) -> str | None:
        """'China's foreign ministry', 'the Chinese embassy in Japan': a body's head noun, not
        itself a named entity, that a country or organisation scopes (a possessor, an adjective, a
        compound or an 'in'/'of' phrase naming one) speaks for itself, by the phrase as printed;
        an unscoped one ('the ministry', 'the company') is nobody in particular."""
        if tok.pos_ not in ("NOUN", "PROPN") or tok.lemma_.lower() not in lx.BODY_HEADS \
                or tok.tag_ in ("NNS", "NNPS") or tok.ent_type_ == "ORG":
            return None  # a body the NER names is read as the entity it names
        left = [c for c in tok.lefts if c.dep_ in ("poss", "amod", "compound", "nmod")]
        right = [c for c in tok.rights if c.dep_ == "prep" and c.lower_ in ("in", "of")
                 and any(p.dep_ == "pobj" and _names_a_body(p) for p in c.children)]
        named = next((t for c in left for t in c.subtree if t.ent_type_ == "ORG"), None)
        if named is not None:  # 'the Democratic Alliance party': the organisation it names
            return self._entity_name(named)
        scopes = [c for c in left if any(_names_a_body(t) for t in c.subtree)]
        if not scopes and not right:
            return None
        start = min([c.left_edge.i for c in scopes] + [tok.i])
        end = max([c.right_edge.i for c in right] + [tok.i])
        words = [t for t in tok.doc[start : end + 1] if not (t.i == start and t.lower_ == "the")]
        return _joined(words) or None

    def named_subject(self, tok: Token) -> Person | None:
        """The person a subject phrase names: its own name parts and appositions ("the
        president, Mahmoud Abbas,"), or, for a title, the name closing the phrase that the parse
        hung lower ("the special envoy for the Nile, Ana Diaz," / "Envoy for Mali Ana Diaz")."""
        parsed = self.parsed
        person = self.people.at(parsed.begin(tok), parsed.end(tok))
        if person:
            return person
        for child in tok.children:
            if child.dep_ in ("compound", "appos", "flat"):
                for t in child.subtree:
                    p = self.people.at(parsed.begin(t), parsed.end(t))
                    if p:
                        return p
        if tok.lemma_.lower() not in lx.TITLE_HEADS or tok.pos_ not in ("NOUN", "PROPN"):
            return None
        last = tok.right_edge
        while last.i > tok.i and last.is_punct:
            last = tok.doc[last.i - 1]
        end = parsed.end(last)
        mention = next(((b, p) for b, e, p in self.people.mentions() if e == end), None)
        if last.i <= tok.i or mention is None or mention[0] <= parsed.begin(tok):
            return None
        first = parsed.tokens(mention[0], end)[0]
        before = tok.doc[first.i - 1]
        # an apposition set off by a comma, or a name glued to the title's own proper nouns; not
        # the name a preposition governs, with or without its own title ("the lawyer for Ana
        # Diaz", "a spokesman for President Ana Diaz")
        k = first.i - 1
        while k > tok.i and tok.doc[k].lower_ in lx.TITLE_HEADS | lx.TITLE_MODIFIERS:
            k -= 1
        if tok.doc[k].lower_ in ("for", "of", "to", "with", "by"):
            return None
        if before.text == "," or (before.pos_ == "PROPN" and before.head.i == last.i):
            return mention[1]
        return None

    def joint_release(self, cue: Token) -> str | None:
        """'A and B called on ... in a joint statement released by the alliance': the body that
        released the joint document speaks for all of them."""
        for doc in cue.subtree:
            if doc.dep_ == "pobj" and doc.head.lower_ == "in" \
                    and doc.lemma_.lower() in lx.DOCUMENT_NOUNS \
                    and any(c.lower_ == "joint" for c in doc.children):
                return self.body_behind(doc)
        return None

    def speaker_of_cue(self, cue: Token, is_cue) -> Who | None:
        """The speaker of a reporting verb: its subject, else the subject-like person before it."""
        if (body := self.joint_release(cue)) is not None:
            return Who(org=body)
        subj = subject_of(cue, is_cue)
        who = self.resolve(subj) if subj is not None else None
        if who is not None:
            return who
        if (
            subj is not None
            and subj.i < cue.i
            and subj.pos_ in ("NOUN", "PRON", "PROPN")
            and subj.lower_ not in ("he", "she")
        ):
            return None  # 'critics said', 'observers say': an unnamed speaker
        parsed = self.parsed
        sent = cue.sent
        quoted = lambda t: any(
            q.begin <= parsed.begin(t) < q.end for q in self.quotes if not q.single
        )
        # a subject before the verb that the parse did not attach to it
        for tok in reversed([t for t in sent if t.i < cue.i]):
            if tok.dep_ in ("nsubj", "nsubjpass") and not quoted(tok):
                who = self.resolve(tok)
                if who is not None and who.person is not None:
                    return who
        if cue.tag_ == "VBG" and cue.i == sent.start:
            after = [t for t in sent if t.i > cue.i and not quoted(t)]
            for tok in after:
                p = self.people.at(parsed.begin(tok), parsed.end(tok))
                if p:
                    return Who(person=p)
        for tok in sent:
            if tok.i >= cue.i:
                break
            if quoted(tok):
                continue
            p = self.people.at(parsed.begin(tok), parsed.end(tok))
            if p:
                return Who(person=p)
        return None

    def co_speakers(self, cue: Token, is_cue) -> list[Who]:
        """The others a coordinated subject names ('the president and the chancellor said',
        'Valdoria and Norland have accused ...'): each conjunct of the subject (or of the name in
        apposition with it) that resolves to a person or an organisation, besides the first."""
        subj = subject_of(cue, is_cue)
        if subj is None or subj.i > cue.i or self.joint_release(cue) is not None:
            return []
        first = self.resolve(subj)
        leaders = self.leaders_of(subj)
        if leaders:
            return [Who(person=p) for p in leaders[1:]]
        heads = [subj, *(c for c in subj.children if c.dep_ == "appos")]
        out: list[Who] = []
        for head in heads:
            for conj in head.conjuncts:
                if conj.i < subj.i or conj.i > cue.i:
                    continue
                who = self.resolve(conj)
                if who is not None and (who.person is not None or who.org) \
                        and who != first and who not in out:
                    out.append(who)
        return out

    def echoes(self, end: int) -> list[tuple[Who, str]]:
        """Who else a writer's remark after a lone dash credits with the words ending at `end`, and
        with which verb: '... a "genocide" - a claim amplified by X', '... - an allegation X
        denies', '... - which has been denied by X'."""
        parsed = self.parsed
        toks = [t for t in parsed.sent_at(max(end - 1, 0)) if parsed.begin(t) >= end]
        while toks and toks[0].text in ("”", "\"", "’", ","):
            toks = toks[1:]
        if len(toks) < 3 or toks[0].text not in ("-", "–", "—"):
            return []
        first = toks[1]
        if first.lower_ == "which":
            verbs = [first.head] if first.dep_ in ("nsubj", "nsubjpass") else []
        elif first.lower_ in ("a", "an", "the") and first.head.lemma_.lower() in lx.CLAIM_NOUNS:
            verbs = [c for c in first.head.children if c.dep_ in ("acl", "relcl")]
        else:
            return []
        out: list[tuple[Who, str]] = []
        for verb in verbs:
            if verb.lemma_.lower() not in lx.ECHO_VERBS:
                continue
            agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children
                      if p.dep_ == "pobj"]
            agents += [c for c in verb.children if c.dep_ == "nsubj" and c.lower_ != "which"]
            for agent in agents:
                who = self.resolve(agent)
                if who is not None and (who.person is not None or who.org):
                    out.append((who, verb.lemma_.lower()))
        return out

    def _entity_name(self, tok: Token) -> str:
        name = self._printed_name(tok)
        return self._acronyms.get(name, name)

    @functools.cached_property
    def _organisations(self) -> set[str]:
        """The one-word names the NER tags as organisations somewhere in the article."""
        return {ent.text for doc in self.parsed.docs for ent in doc.ents
                if ent.label_ == "ORG" and len(ent) == 1}

    @functools.cached_property
    def _acronyms(self) -> dict[str, str]:
        """The article's organisation names by their initials ('AJC' for 'American Jewish
        Committee'), where only one name has those initials."""
        found: dict[str, set[str]] = {}
        for doc in self.parsed.docs:
            for ent in doc.ents:
                words = [t.text for t in ent if t.lower_ not in ("the", "of", "for", "and", "on")]
                if ent.label_ == "ORG" and len(words) >= 2 and all(w[:1].isupper() for w in words):
                    name = _joined([t for t in ent if t.lower_ != "the"])
                    found.setdefault("".join(w[0] for w in words), set()).add(name)
        return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}

    def _printed_name(self, tok: Token) -> str:
        compounds = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if compounds and tok.ent_type_ and tok.i + 1 < len(tok.doc) \
                and tok.doc[tok.i + 1].ent_iob_ == "I":
            compounds = []  # 'the National Commission on Human Rights': the entity, whole
        if compounds:  # 'Yonhap News Agency', whatever the entity boundaries
            start = min(t.left_edge.i for t in compounds)
            words = _without_leading_the(list(tok.doc[start : tok.i + 1]))
            return _joined(_without_kind(words)) or tok.text
        if tok.ent_type_:
            doc = tok.doc
            start, end = tok.i, tok.i + 1
            while start > 0 and doc[start].ent_iob_ == "I":  # back to the entity's B token
                start -= 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            words = _without_leading_the([t for t in doc[start:end] if t.text not in ("'s", "’s")])
            return _joined(_without_kind(words)) or tok.text
        return tok.text

    def title_reference(self, tok: Token) -> Who | None:
        """'the Russian president' -> the person holding that office in this article."""
        parsed = self.parsed
        left = [t for t in tok.lefts if t.dep_ in ("compound", "amod", "poss", "nmod", "det")]
        start = min([t.left_edge.i for t in left] + [tok.i])
        span = tok.doc[start : tok.i + 1]
        if any(t.ent_type_ == "PERSON" for t in span):
            return None
        b, e = parsed.begin(span[0]), parsed.end(span[-1])
        titles = normalize_title(parsed.text[b:e])
        if not titles:
            return None
        title = titles[0]
        holders = self.offices.holders(title)
        if holders and not (title.jurisdiction or title.organization) and all(
                t.jurisdiction or t.organization for p in holders for m in self.offices.of(p)
                for t in m.titles if t.head == title.head):
            # 'the prime minister' where every prime minister named was printed with a country
            # ('Canadian Prime Minister B'): news qualifies the others, so the bare title is the
            # article's own subject, its most mentioned person with no title printed
            main = self._salient_untitled()
            if main is not None:  # the title is learned for them (attribute.resolve_cataphora)
                return Who(person=main, title=title, span=(b, e))
        if len(holders) == 1:
            return Who(person=holders[0])
        if holders:
            before = [
                (b, p) for b, _, p, _ in self._mentions if p in holders and b < parsed.begin(tok)
            ]
            return Who(person=max(before, key=lambda x: x[0])[1] if before else holders[0])
        definite = span[0].lower_ in ("the",) or span[0].dep_ == "poss" or title.jurisdiction
        if definite and (title.jurisdiction or title.organization):
            return Who(title=title, span=(b, e))
        if span[0].lower_ in ("his", "her", "its", "their"):
            # 'his top adviser said': someone's own aide, named later (resolve_cataphora)
            return Who(title=title, span=(b, e))
        return None

    def _salient_untitled(self) -> Person | None:
        """The person most mentioned (three times or more, more than anyone else) of those with
        no title printed, if there is one."""
        counts = sorted(((len(p.mentions), i, p) for i, p in enumerate(self.people.persons)
                         if not self.offices.of(p)), key=lambda x: (-x[0], x[1]))
        if not counts or counts[0][0] < 3 or len(counts) > 1 and counts[1][0] == counts[0][0]:
            return None
        return counts[0][2]

    def pronoun(self, pos: int, gender: str) -> Person | None:
        def fits(p: Person) -> bool:
            return self._gender.get(p, gender) == gender

        sent = self.parsed.sent_at(pos)
        sb = self.parsed.sbegin(sent)
        same = [p for b, _, p, subj in self._mentions if sb <= b < pos and subj and fits(p)]
        if same:
            return self._learn(same[-1], gender)
        # the person the previous sentence is about (subject of its main verb); the sentences of
        # the quote this pronoun attributes are skipped ('"A. B," she said' looks before "A.")
        sents, sbegin = self.parsed.sents, self.parsed.sbegin
        k = self.parsed.sent_index(pos)
        quote = self._quote_at(sbegin(sents[k]))
        while quote is not None and k > 0 and quote.contains(sbegin(sents[k - 1])):
            k -= 1
        for p in self._subjects_before(k):
            if p is not None and fits(p):
                return self._learn(p, gender)
        last = self.last_speaker(pos)
        if last is not None and fits(last):
            return self._learn(last, gender)
        recent = [(b, p, subj) for b, _, p, subj in self._mentions if b < pos and fits(p)]
        subjects = [p for b, p, subj in recent if subj and b > pos - 1500]
        if subjects:
            return self._learn(subjects[-1], gender)
        return self._learn(recent[-1][1], gender) if recent else None

    @staticmethod
    def _definite_bare(tok: Token) -> bool:
        """'the company', 'the veteran leader': a singular common noun with 'the' and nothing that
        names or scopes it (no proper noun, possessor or prepositional phrase)."""
        return tok.pos_ == "NOUN" and tok.tag_ == "NN" \
            and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) \
            and not any(c.dep_ in ("poss", "prep", "appos") or c.pos_ == "PROPN" for c in tok.children)

    def _previous_subject(self, pos: int) -> Person | None:
        """The named subject of the main verb of the sentence before `pos`."""
        return next(self._subjects_before(self.parsed.sent_index(pos)), None)

    def _subjects_before(self, k: int) -> Iterator[Person | None]:
        """What the subjects of the main verb of sentence k-1 name (None for a subject naming
        nobody), when it is in sentence k's paragraph or the one before, outside quotation marks."""
        if k == 0:
            return
        sents, sbegin = self.parsed.sents, self.parsed.sbegin
        prev = sents[k - 1]
        if self.parsed.para_index(sbegin(prev)) < self.parsed.para_index(sbegin(sents[k])) - 1:
            return
        for c in prev.root.children:
            if c.dep_ in ("nsubj", "nsubjpass") and not self._quoted(self.parsed.begin(c)):
                yield self.named_subject(c) or self._named_inside(c)

    def _named_inside(self, subject: Token) -> Person | None:
        """The person a subject phrase names first inside it: 'the recent ascension of X, a
        protege of Y', 'X's arrival'."""
        parsed = self.parsed
        return next((p for t in subject.subtree
                     if (p := self.people.at(parsed.begin(t), parsed.end(t))) is not None), None)

    def _quote_at(self, pos: int) -> Quote | None:
        return next((q for q in self.quotes if q.contains(pos) and not q.single), None)

    def _quoted(self, pos: int) -> bool:
        return self._quote_at(pos) is not None

    def _learn(self, person: Person, gender: str) -> Person:
        self._gender.setdefault(person, gender)
        return person


def _seat(tok: Token) -> bool:
    """Whether a token with its compounds names a seat of power ('Downing Street', 'White House')."""
    words = [c.lower_ for c in tok.lefts if c.dep_ == "compound"] + [tok.lower_]
    return " ".join(words) in lx.SEATS


def _names_a_body(tok: Token) -> bool:
    """Whether a token names a country or an organisation (an entity, or a country's name or
    demonym)."""
    return tok.ent_type_ in ("GPE", "NORP", "ORG") or tok.lower_ in lx.COUNTRIES


def _without_leading_the(words: list[Token]) -> list[Token]:
    """'the Alliance for Democracy in the Americas' is 'Alliance for Democracy in the Americas';
    an acronym in brackets after the name is not part of it."""
    while words and words[0].lower_ == "the":
        words = words[1:]
    bracket = next((k for k, t in enumerate(words) if t.text == "("), None)
    return words[:bracket] if bracket else words


def _without_kind(words: list[Token]) -> list[Token]:
    """'human rights NGO Laboratorio de Paz' is 'Laboratorio de Paz': the name after the word for
    what kind of body it is."""
    kinds = [k for k, t in enumerate(words[:-1])
             if t.lower_ in lx.BODY_KINDS and words[k + 1].text[:1].isupper()]
    return words[kinds[-1] + 1:] if kinds else words


def _joined(words: list[Token]) -> str:
    """The words of a name, without punctuation at its edges (', Dubois' is 'Dubois'), spaced
    as printed ('Ministry of Trade, Industry and Energy'; a word left out leaves one space)."""
    while words and words[0].is_punct:
        words = words[1:]
    while words and words[-1].is_punct:
        words = words[:-1]
    out = ""
    for prev, tok in zip([None, *words], words):
        if prev is not None:
            out += prev.whitespace_ if tok.i == prev.i + 1 else " "
        out += tok.text
    return out
