"""Person mentions: spaCy's PERSON entities, cleaned, corrected and merged into one Person each.

The small model makes two kinds of error this module corrects with evidence from the article
itself: a person's surname tagged as an organisation or place ("Trump" as ORG), and places or
products tagged as persons ("Kyiv" as PERSON). The rule is consistency: a one-word name counts
only when it is a part of a full name printed somewhere in the article (or follows an honorific),
and every occurrence of a known name form is a mention whatever its entity label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan

from kg.extract import lexicon as lx
from kg.extract.lexicon import FUNCTION_WORDS, NON_PERSON_HEADS, OPENING_PARTICLES, PARTICLES
from kg.extract.parse import Parsed
from kg.identity import slug

_NAME_PREFIX = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|abu|bin|ibn|bint|de|van|von|d|o)['’-](?=.)")
_NAME_REST = re.compile(r"^[\w'’.\-]*$")


def _name_token(word: str) -> bool:
    """Whether `word` can be a word of a name: a capital letter of any alphabet first ('Đorđević',
    'Øster'), or a lower-case particle glued to one ('al-Sisi', "d'Estaing").

    >>> [_name_token(w) for w in ("Đorđević", "J.", "al-Sisi", "said", "3M")]
    [True, True, True, False, False]
    """
    word = _NAME_PREFIX.sub("", word, count=1)
    return bool(word) and (word[0].isupper() or word[0].istitle()) and bool(_NAME_REST.match(word[1:]))


_REGNAL = re.compile(r"^[IVX]{1,5}$")
_CREDIT = re.compile(lx.CREDIT_LINE)


@dataclass(eq=False)
class Person:
    """One person of the article: canonical name, every surface form, every mention.

    Built and completed by `People` alone; later stages read it and key tables by it (a person
    hashes as itself)."""

    name: str
    forms: set[str] = field(default_factory=set)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    singles: set[str] = field(default_factory=set)  # one-word forms that refer to this person
    titled_forms: set[str] = field(default_factory=set)  # "President Trump"

    @property
    def key(self) -> str:
        return slug(self.name)

    @property
    def first(self) -> int:
        return min(b for b, _ in self.mentions) if self.mentions else 10**9

    @property
    def tokens(self) -> list[str]:
        return self.name.split()


def clean_name(words: list[str]) -> tuple[int, int]:
    """Return the [i, j) range of `words` that is a bare name (titles, possessives, junk cut).

    >>> w = ["President", "Donald", "Trump", "’s"]
    >>> w[slice(*clean_name(w))]
    ['Donald', 'Trump']
    >>> w = ["Volodymyr", "Zelenskyy", "/"]
    >>> w[slice(*clean_name(w))]
    ['Volodymyr', 'Zelenskyy']
    """
    i, j = 0, len(words)
    # cut at the first token that cannot be part of a name
    for k, w in enumerate(words):
        after_hyphen = k > 0 and words[k - 1] == "-" and w.isalpha()  # 'Jae', '-', 'hoon'
        if k > 0 and not (_name_token(w) or w.lower() in PARTICLES or w == "-" or after_hyphen):
            j = k
            break
        if k == 0 and not (
            _name_token(w) or w.lower() in lx.HONORIFICS or w.lower() == "the"
        ):
            return 0, 0
    while i < j and (
        words[i].lower() in lx.HONORIFICS
        or words[i].lower() == "the"
        or words[i].lower() in lx.COUNTRIES
        or words[i].lower() in lx.TITLE_HEADS
        or words[i].lower() in lx.TITLE_MODIFIERS
        or words[i].lower() in ("staff", "of")
    ):
        i += 1
    while j > i and (words[j - 1] in ("'s", "’s", "'", "’", "-") or not words[j - 1][0].isalnum()):
        j -= 1
    return i, j


def plausible_name(words: list[str], *, titled: bool = False) -> bool:
    """Whether cleaned `words` can be a person's name.

    `titled`: a personal title stands right before the words ('President Min-ji Park') or in
    apposition with them, which vouches that a last word that usually heads a place ('Park',
    'Hall') or names a title ('King', 'Bishop') is a surname here.

    >>> plausible_name(["Akasaka", "Palace"]), plausible_name(["Mark", "Rutte"])
    (False, True)
    >>> plausible_name(["Lee-China(LEAD"]), plausible_name(["BEIJING"])
    (False, False)
    """
    if not words:
        return False
    for k, w in enumerate(words):
        if w.lower() in PARTICLES or k == 0 and _initials(words):
            continue
        if not _name_token(w) or any(ch.isdigit() or ch in "()/@" for ch in w):
            return False
        if (
            len(w) > 1
            and w.isupper()
            and not w.endswith(".")
            and not (_REGNAL.match(w) and w is not words[0])
        ):
            return False
        if not all(ch.isascii() or ch.isalpha() and _latin(ch) for ch in w):
            return False
    low = " ".join(words).lower()
    if (words[-1].lower() in NON_PERSON_HEADS and not titled) or low in lx.COUNTRIES \
            or low in lx.CAPITALS:
        return False
    if low in lx.ORGANIZATIONS or low in lx.SEATS:
        return False
    title_word_last = words[-1].lower() in lx.TITLE_HEADS  # 'King' in 'Ana King'
    return not title_word_last or (titled and len(words) > 1)


def _initials(words: list[str]) -> bool:
    """'JD Vance', 'FW de Klerk': given names printed as two or three capitals before a surname
    (not an acronym of a country or a body: 'UN', 'US').

    >>> _initials(["JD", "Vance"]), _initials(["UN", "Envoy"]), _initials(["NATO"])
    (True, False, False)
    """
    first, rest = words[0], [w for w in words[1:] if w.lower() not in PARTICLES]
    return 2 <= len(first) <= 3 and first.isupper() and first.isalpha() and bool(rest) \
        and len(words) <= 4 and all(w[:1].isupper() and not w.isupper() for w in rest) \
        and not any(first.lower() in table for table in (lx.COUNTRIES, lx.ORGANIZATIONS, lx.ACRONYMS)) \
        and rest[0].lower() not in lx.TITLE_HEADS


def _latin(ch: str) -> bool:
    import unicodedata

    return "LATIN" in unicodedata.name(ch, "")


class People:
    """The persons of one article and a lookup from body offsets to them.

    `known` are names known from elsewhere than the text (a post's author line): each is a person
    whose mentions are found like the others', and `known_as[name]` is that person. `genders`
    holds what honorifics say ('Ms', 'Mr', 'first lady' before a mention; the last one wins);
    `companies` the names the NER took for persons that a company noun introduces or lists.
    """

    def __init__(self, parsed: Parsed, known: tuple[str, ...] = ()) -> None:
        self.parsed = parsed
        self.persons: list[Person] = []
        self._by_pos: list[tuple[int, int, Person]] = []
        self.genders: dict[Person, str] = {}
        self.companies: set[str] = set()  # names a company noun introduces: no persons
        self._build()
        self.known_as: dict[str, Person] = {name: self._add(name) for name in known}

    # -- lookup ----------------------------------------------------------------------------------

    def at(self, begin: int, end: int) -> Person | None:
        """The person with a mention overlapping [begin, end), if any."""
        for b, e, p in self._by_pos:
            if b < end and begin < e:
                return p
        return None

    def mentions(self) -> list[tuple[int, int, Person]]:
        return list(self._by_pos)

    def find(self, name: str) -> Person | None:
        """The person a printed name refers to (full name or a known one-word form)."""
        words = name.split()
        i, j = clean_name(words)
        words = words[i:j]
        if not words:
            return None
        low = [w.lower() for w in words]
        for p in self.persons:
            pl = [w.lower() for w in p.tokens]
            if low == pl or (len(low) > 1 and low[-1] == pl[-1] and low[0] == pl[0]):
                return p
        if len(words) == 1:
            for p in self.persons:
                if low[0] in {s.lower() for s in p.singles}:
                    return p
        return None

    def _add(self, name: str) -> Person:
        """Add a person known from elsewhere (a post's author line) and find its mentions."""
        found = self.find(name)
        if found:
            return found
        words = name.split()
        person = Person(name, forms={name}, singles={words[-1]} if len(words) > 1 else set())
        self.persons.append(person)
        self._locate()
        return person

    # -- building --------------------------------------------------------------------------------

    def _build(self) -> None:
        text = self.parsed.text
        full: list[tuple[list[str], int, str]] = []  # (words, begin, surface-with-title)
        singles: list[tuple[str, int, SpacySpan]] = []
        other_singles: set[str] = set()
        for doc in self.parsed.docs:
            for ent in doc.ents:
                words = [t.text for t in ent]
                if ent.label_ != "PERSON" and not _titled_name(ent):
                    if _acting_as_a_title(ent):
                        ent = doc[ent.start : ent.end + 1]  # 'Theresa May visited as prime minister'
                    else:
                        if len(ent) == 1 or (len(ent) == 2 and ent[-1].text in ("'s", "’s")):
                            other_singles.add(ent[0].text)
                        continue
                ent = _with_particles(ent)
                words = [t.text for t in ent]
                i, j = clean_name(words)
                if j <= i:
                    continue
                if (
                    i == 0
                    and j - i >= 2
                    and ent.start > 0
                    and _given_name(doc[ent.start - 1])
                    and not (ent.start > 1 and doc[ent.start - 2].lower_ in ("of", "for", "to"))
                ):
                    ent = doc[ent.start - 1 : ent.end]  # 'Luiz' left out of 'Inacio Lula da Silva'
                    words = [t.text for t in ent]
                    j += 1
                if (
                    j == len(words)
                    and j - i >= 2
                    and ent.end < len(doc)
                    and doc[ent.end - 1].whitespace_ == " "
                    and _given_name(doc[ent.end], glued=True)
                ):
                    ent = doc[ent.start : ent.end + 1]  # 'Yeol' left out of 'Yoon Suk Yeol'
                    words = [t.text for t in ent]
                    j += 1
                begin = self.parsed.begin(ent[i])
                end = self.parsed.end(ent[j - 1])
                tail = re.match(r"-[A-Za-z]+", text[end:])
                if tail:
                    end += tail.end()
                name_words = text[begin:end].split()
                if _names_a_company(ent):
                    while len(name_words) > 1 and name_words[0].lower() in lx.BODY_KINDS:
                        name_words = name_words[1:]
                    self.companies.add(" ".join(name_words))
                    continue
                if not plausible_name(name_words, titled=_vouched(ent, i)) or _names_a_place(ent):
                    continue
                titled = text[self.parsed.begin(ent[0]) : end] if i > 0 else ""
                if len(name_words) > 1:
                    full.append((name_words, begin, titled))
                else:
                    singles.append((name_words[0], begin, ent))
        full.extend(self._titled_runs(full))
        # full names -> persons (same first and last word = same person)
        for words, begin, titled in sorted(full, key=lambda x: x[1]):
            person = self._match_full(words)
            name = " ".join(words)
            if person is None:
                person = Person(name)
                self.persons.append(person)
            elif len(words) > len(person.tokens):
                person.forms.add(person.name)
                person.name = name
            person.forms.add(name)
            if titled:
                person.titled_forms.add(titled)
        # one-word names: parts of full names, or full names found by looking left of them
        for word, begin, ent in singles:
            owners = self._owners(word)
            if len(owners) == 1 and word not in (owners[0].tokens[0], owners[0].tokens[-1]):
                owners[0].singles.add(word)  # a middle name used alone ('Lula')
            if owners:
                continue
            extended = self._extend_left(word)
            if extended:
                person = self._match_full(extended.split()) or Person(extended)
                if person not in self.persons:
                    self.persons.append(person)
                person.forms.add(extended)
            elif self._after_honorific(word):
                person = Person(word)
                self.persons.append(person)
                person.forms.add(word)
        seen_alone = {w for w, _, _ in singles} | other_singles
        for p in self.persons:
            if len(p.tokens) > 1:
                # the surname; the first word too when the article uses it alone and never the
                # last one (family name first: Xi, Lee, Wi)
                p.singles.add(p.tokens[-1])
                first, last = p.tokens[0], p.tokens[-1]
                if first.lower() in PARTICLES:
                    continue
                if first in seen_alone or (not self._alone(last, p) and self._alone(first, p)):
                    p.singles.add(first)
        self._locate()
        tail = _credits_start(self.parsed)
        self.persons = [p for p in self.persons if any(b < tail for b, _ in p.mentions)]
        if tail < len(text):  # journalists named only in the credits are no persons of the news
            self._locate()

    def _titled_runs(self, known: list) -> list[tuple[list[str], int, str]]:
        """Names the NER missed but a title vouches for: proper nouns right after a title
        ('governor Ana Costa', 'Defense Secretary Pete Hegseth') or in apposition with one
        ('the central bank governor, Ana Costa,')."""
        seen = {b for _, b, _ in known}
        out = []
        for doc in self.parsed.docs:
            i = 0
            while i < len(doc):
                if doc[i].pos_ != "PROPN":
                    i += 1
                    continue
                j = _propn_run_end(doc, i)
                run = list(doc[i:j])
                i = j
                titled = [k for k, t in enumerate(run) if t.lower_ in lx.TITLE_HEADS
                          or t.lower_ in lx.HONORIFICS]
                portfolio = 0 if titled else _portfolio_end(run)
                name = run[titled[-1] + 1 :] if titled else run[portfolio:]
                if len(name) < 2 or any(t.ent_type_ in ("PERSON", "DATE") for t in name):
                    continue
                before = doc[name[0].i - 1] if name[0].i > 0 else None
                after_title = bool(titled or portfolio) or (
                    before is not None and before.lower_ in lx.TITLE_HEADS)
                # the name's head: its last word, or the word the parser hung the rest on
                # ('María Corina Machado – the woman who ...': the apposition is on 'María')
                heads = [name[-1], *(t for t in name[:-1] if t.head.i == t.i
                                     or not name[0].i <= t.head.i <= name[-1].i)]
                appos_title = any(_in_apposition_with_title(h) for h in heads)
                appos = appos_title or any(_in_apposition_with_title(h, lx.PERSON_NOUNS)
                                           for h in heads) or _after_person_noun(doc, name[0].i)
                words = _units(name)  # 'Min-ji Park': hyphenated given names are one word
                speaks = _speaking_subject(name)
                listed = _listed_with_persons(name)
                if not (after_title or appos or speaks or listed) \
                        or not plausible_name(words, titled=after_title):
                    continue
                if not (appos_title or listed) and any(t.ent_type_ == "GPE" for t in name):
                    continue  # 'Defense Secretary' before a place: only a title's apposition vouches
                if any(w.lower() in lx.COUNTRIES or w.lower() in lx.ORGANIZATIONS for w in words):
                    continue
                begin = self.parsed.begin(name[0])
                if begin not in seen:
                    out.append((words, begin, ""))
        return out

    def _alone(self, word: str, person: Person) -> bool:
        """Whether `word` occurs as a proper noun outside the full name of `person`."""
        if not hasattr(self, "_propn"):
            self._propn: dict[str, list] = {}
            for doc in self.parsed.docs:
                for tok in doc:
                    if tok.pos_ == "PROPN":
                        self._propn.setdefault(tok.text, []).append((doc, tok.i))
        for doc, i in self._propn.get(word, ()):
            nxt = doc[i + 1].text if i + 1 < len(doc) else ""
            prv = doc[i - 1].text if i > 0 else ""
            if (
                nxt in person.tokens
                or prv in person.tokens
                or doc[i].ent_type_ not in ("", "PERSON")
            ):
                continue
            return True
        return False

    def _match_full(self, words: list[str]) -> Person | None:
        low = [w.lower() for w in words]
        for p in self.persons:
            pl = [w.lower() for w in p.tokens]
            if (
                pl == low
                or (pl[-1] == low[-1] and pl[0] == low[0])
                or _contains(pl, low)
                or _contains(low, pl)
            ):
                return p
        return None

    def _owners(self, word: str) -> list[Person]:
        """Persons whose full name contains `word` (surname, given name or a middle name)."""
        return [
            p
            for p in self.persons
            if len(p.tokens) > 1
            and word.lower() in [t.lower() for t in p.tokens if t.lower() not in PARTICLES]
        ]

    def _extend_left(self, word: str) -> str | None:
        """'Rogers' with 'Harold Rogers' printed somewhere (inside another entity): the full name."""
        text = self.parsed.text
        for m in re.finditer(r"\b([A-Z][a-z]+(?:-[a-z]+)?) " + re.escape(word) + r"\b", text):
            first = m.group(1)
            low = first.lower()
            if self._owners(first):
                continue  # part of a longer name already known
            if (
                low in lx.HONORIFICS
                or low in lx.COUNTRIES
                or low in lx.TITLE_HEADS
                or low in lx.TITLE_MODIFIERS
                or low in NON_PERSON_HEADS
                or low in FUNCTION_WORDS
            ):
                continue
            return f"{first} {word}"
        return None

    def _after_honorific(self, word: str) -> bool:
        pattern = (
            r"\b(Mr|Mrs|Ms|Dr|President|Prime Minister|Rep|Sen|Gov|Pope|King|Queen|Prince|"
            r"Princess|Sheikh|Emir|Chancellor|Premier|Gen|Lord|Lady|Sir)\.? "
            + re.escape(word)
            + r"\b"
        )
        return re.search(pattern, self.parsed.text) is not None

    def _locate(self) -> None:
        """Find every occurrence of every form; longest forms first, one person per place."""
        text = self.parsed.text
        taken: list[tuple[int, int, Person]] = []
        for p in self.persons:
            p.mentions = []

        def free(b: int, e: int) -> bool:
            return all(e <= tb or b >= te for tb, te, _ in taken)

        multi = sorted(
            ((f, p) for p in self.persons for f in p.forms if len(f.split()) > 1),
            key=lambda x: -len(x[0]),
        )
        for form, p in multi:
            for m in re.finditer(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", text):
                if free(m.start(), m.end()):
                    taken.append((m.start(), m.end(), p))
        first_full = {
            p: min((b for b, _, q in taken if q is p), default=10**9) for p in self.persons
        }
        words = {
            w for p in self.persons for w in (p.singles | {f for f in p.forms if " " not in f})
        }
        for word in sorted(words, key=len, reverse=True):
            owners = [p for p in self.persons if word in p.singles or word in p.forms]
            for m in re.finditer(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text):
                if not free(m.start(), m.end()):
                    continue
                before = [p for p in owners if first_full[p] < m.start()]
                pool = before or owners
                # a surname match beats a given-name match; then the first introduced person
                pool.sort(key=lambda p: (p.tokens[-1] != word, first_full[p]))
                taken.append((m.start(), m.end(), pool[0]))
        taken.sort()
        self._by_pos = taken
        for b, e, p in taken:
            p.mentions.append((b, e))
        self._genders()

    def _genders(self) -> None:
        text = self.parsed.text
        for b, _, p in self._by_pos:
            before = text[max(0, b - 25) : b].lower().split()
            if not before:
                continue
            if before[-1] in lx.FEMALE_HONORIFICS or before[-2:] == ["first", "lady"]:
                self.genders[p] = "f"
            elif before[-1] in lx.MALE_HONORIFICS:
                self.genders[p] = "m"


def _speaking_subject(name) -> bool:
    """'Ana Ruiz said ...' where the NER saw no entity at all: two or three capitalised proper
    nouns that are the subject of a reporting verb name whoever spoke. A run the NER labelled
    (an organisation, a place) is left to that label, and so is a run with a word a body's name
    ends in ('Aurora Holdings said')."""
    head = name[-1]
    return (
        2 <= len(name) <= 3
        and all(t.ent_type_ == "" and t.text[:1].isupper() for t in name)
        and head.dep_ == "nsubj"
        and head.head.pos_ == "VERB"
        and head.head.lemma_.lower() in lx.REPORTING_VERBS
        and not any(t.lower_ in NON_PERSON_HEADS for t in name)
    )


def _listed_with_persons(name) -> bool:
    """'Ana Ruiz, Fort Lema, Tomas Vidal and Eva Sol': two to four capitalised proper nouns
    coordinated with two or more names the NER took for persons are a name too, whatever label
    it gave them."""
    head = name[-1]
    members, todo = {head.i}, [head]
    while todo:  # the list's items: coordinated or set side by side (the parse mixes the two)
        t = todo.pop()
        for n in [*t.children, t.head]:
            linked = n.dep_ in ("conj", "appos") and n.head.i == t.i \
                or t.dep_ in ("conj", "appos") and t.head.i == n.i
            if linked and n.i not in members:
                members.add(n.i)
                todo.append(n)
    others = [head.doc[k] for k in members if not name[0].i <= k <= name[-1].i]
    return (
        2 <= len(name) <= 4
        and all(t.text[:1].isupper() or t.lower_ in PARTICLES for t in name)
        and sum(1 for c in others if c.ent_type_ == "PERSON") >= 2
        and not any(t.lower_ in NON_PERSON_HEADS for t in name)
    )


def _propn_run_end(doc, i: int) -> int:
    """The end of the run of space-separated proper nouns starting at token i. A hyphen glued
    between two words continues the run whatever the tagger made of the part after it ('Tae',
    '-', 'woo' in 'Kang Tae-woo': the 'woo' is often tagged a common noun)."""
    j = i
    while j < len(doc):
        tok = doc[j]
        glued = j > i and doc[j - 1].whitespace_ == ""
        if glued and tok.text == "-" and tok.whitespace_ == "" and j + 1 < len(doc) \
                and doc[j + 1].is_alpha:
            j += 2
            continue
        if tok.pos_ != "PROPN" or tok.whitespace_ not in (" ", "") or glued:
            break
        j += 1
    return j


def _units(tokens) -> list[str]:
    """The words of a name, hyphenated parts glued back together.

    >>> import spacy
    >>> doc = spacy.blank("en")("Min-ji Park")
    >>> _units(list(doc))
    ['Min-ji', 'Park']
    """
    words: list[str] = []
    previous = None
    for tok in tokens:
        joined = previous is not None and previous.whitespace_ == "" and "-" in (tok.text, previous.text)
        if words and joined:
            words[-1] += tok.text
        else:
            words.append(tok.text)
        previous = tok
    return words


def _portfolio_end(run) -> int:
    """Where a name starts in a run of proper nouns that closes a title's portfolio: after
    'Industry' in 'Minister of Economy, Trade and | Industry Kenta Aoki |'. The run must follow
    '<title> of/for' and capitalised portfolio words; 0 when it does not.

    >>> import spacy
    >>> doc = spacy.blank("en")("the Minister of Health and Welfare Ana Lima said")
    >>> _portfolio_end(list(doc[5:8]))
    1
    """
    last = [k for k, t in enumerate(run) if t.lower_ in lx.PORTFOLIO_WORDS]
    if not last or last[-1] + 1 >= len(run):
        return 0
    doc = run[0].doc
    k = run[0].i - 1
    while k > 0 and k > run[0].i - 12:
        tok = doc[k]
        if tok.lower_ in ("of", "for"):
            return last[-1] + 1 if doc[k - 1].lower_ in lx.TITLE_HEADS else 0
        if not (tok.is_title or tok.text in (",", "&") or tok.lower_ in ("and", "the")):
            return 0
        k -= 1
    return 0


def _with_particles(ent):
    """The entity with the particles of a name and the name words after them that the NER left
    out: 'Ana van' + 'der Berg', 'Nur' + 'binti Hassan', 'Berg' -> 'Van der Berg'. A particle
    counts only between name words (or, capitalised, opening a surname)."""
    doc = ent.doc
    start, end = ent.start, ent.end
    while True:  # right: particles (inside the entity's end or after it), then a name word
        k = end
        while k > start + 1 and doc[k - 1].is_lower and doc[k - 1].lower_ in PARTICLES:
            k -= 1
        j = k
        while j < len(doc) and doc[j].is_lower and doc[j].lower_ in PARTICLES:
            j += 1
        if j > k and j < len(doc) and doc[j].is_title and _name_token(doc[j].text) \
                and doc[j - 1].whitespace_ == " ":
            end = j + 1
            while end < len(doc) and doc[end].text == "-" and doc[end].whitespace_ == "" \
                    and doc[end - 1].whitespace_ == "" and end + 1 < len(doc):
                end += 2  # 'Al', '-', 'Thani'
            continue
        break
    k = start  # left: particles before the entity, the first of them possibly capitalised
    while k > 0 and doc[k - 1].lower_ in PARTICLES and doc[k - 1].whitespace_ == " " \
            and (doc[k - 1].is_lower or doc[k - 1].lower_ in OPENING_PARTICLES):
        k -= 1
        if not doc[k].is_lower:
            break
    while k < start and doc[k].is_lower and (k == 0 or not (
            doc[k - 1].is_title and _name_token(doc[k - 1].text))):
        k += 1  # a lower-case particle opens a surname only after a given name or capitalised
    if k < start and not (doc[k].is_title or (k > 0 and doc[k - 1].is_title)):
        k = start
    if (start, end) == (ent.start, ent.end):
        return ent
    return doc[k:end] if k < start else doc[start:end]


def _credits_start(parsed: Parsed) -> int:
    """Where the newsroom's credits begin: the first paragraph that is a credit line ('Reporting
    by A in London; Editing by B', 'CNN's D contributed.'), past the article's first half; the
    body's length when there is none."""
    for begin, end in parsed.paras:
        line = parsed.text[begin:end]
        if begin > len(parsed.text) // 2 and len(line.split()) <= 40 and _CREDIT.search(line):
            return begin
    return len(parsed.text)


def _names_a_company(ent) -> bool:
    """Whether a company or brand noun introduces or lists the name: 'clothing brand Hugo Lind'
    (the noun right before it), 'brands including Diesel and Ana Ruiz' (a list a company noun
    heads through 'including', 'like' or 'such as'), 'Webber Vos, the firm representing ...' (an
    apposition)."""
    doc = ent.doc
    if ent.start > 0 and doc[ent.start - 1].lemma_.lower() in lx.COMPANY_NOUNS \
            and doc[ent.start - 1].is_lower:
        return True
    if len(ent) > 1 and ent[0].lower_ in lx.BODY_KINDS:  # 'NGO Laboratorio de Paz' read as a name
        return True
    tok = ent.root
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if any(c.dep_ == "appos" and c.lemma_.lower() in lx.COMPANY_NOUNS for c in tok.children):
        return True
    head = tok.head
    return tok.dep_ == "pobj" and head.lower_ in ("including", "like", "as") \
        and any(t.lemma_.lower() in lx.COMPANY_NOUNS for t in (head.head, head.head.head))


def _names_a_place(ent) -> bool:
    """Whether an entity stands before a lower-case noun of place it names ('northern Bac Ninh
    province', 'the Kunar river'), not as the modifier of a longer phrase ('a Lula state visit')."""
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return nxt is not None and nxt.is_lower and nxt.lower_ in lx.PLACE_NOUNS and nxt.dep_ != "compound"


def _titled_name(ent) -> bool:
    """An entity the NER did not call a person, right after a title ('US envoy Morgan Ortagus')
    or in apposition with a noun for a person ('the favourite, Anne-Sophie Roy'): two or three
    name-like words are a person's name."""
    if ent.start == 0 or ent.label_ not in ("ORG", "GPE", "NORP", "FAC", "PRODUCT"):
        return False
    words = _units(ent)
    if not 2 <= len(words) <= 3 or not plausible_name(words):
        return False
    if not all(t.pos_ == "PROPN" or t.is_title or t.text == "-" for t in ent):
        return False
    before = ent.doc[ent.start - 1].lower_
    if before in lx.TITLE_HEADS and before not in ("party", "group"):
        return all(t.pos_ == "PROPN" for t in ent)
    return _after_person_noun(ent.doc, ent.start)




def _acting_as_a_title(ent) -> bool:
    """A one-word entity the NER typed as a place or body, the first word of a two-word proper
    name that is the subject of a clause in which it acts 'as' a title ('Ana Lima visited as
    prime minister'): a given name and a surname the NER split. Not a known place or body."""
    doc = ent.doc
    if len(ent) != 1 or ent.label_ not in ("GPE", "ORG", "NORP", "LOC") or ent.end >= len(doc):
        return False
    first, last = ent[0], doc[ent.end]
    if first.dep_ != "compound" or first.head.i != last.i or last.ent_type_ or not (
            last.pos_ == "PROPN" and last.is_title and _name_token(last.text)):
        return False
    if any(w.lower() in lx.COUNTRIES or w.lower() in lx.SEATS or w.lower() in lx.ORGANIZATIONS
           for w in (first.text, last.text)):
        return False
    verb = last.head
    return last.dep_ in ("nsubj", "nsubjpass") and verb.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "prep" and c.lower_ == "as" and c.i > last.i and any(
            g.dep_ == "pobj" and g.lower_ in lx.TITLE_HEADS for g in c.children) for c in verb.children)


def _after_person_noun(doc, i: int) -> bool:
    """Whether token i follows '<noun for a person>,' ('the front-runner, | Ana Lima')."""
    if i < 2 or doc[i - 1].text != ",":
        return False
    k = i - 2
    noun = doc[k].lower_
    if k >= 2 and doc[k - 1].text == "-" and doc[k - 1].whitespace_ == "":
        noun = doc[k - 2].lower_ + "-" + noun  # 'front', '-', 'runner'
    return noun in lx.PERSON_NOUNS and doc[k].pos_ in ("NOUN", "PROPN") and doc[k].is_lower


def _vouched(ent, i: int) -> bool:
    """Whether a PERSON entity whose last word usually heads a place or names a title ('Daniel
    Park', 'Ana King') is a person all the same: a title stands in it or right before it ('Rep.
    Daniel Park'), it is in apposition with a title ('the mayor, Ana King,'), or it is the subject
    of a verb of saying ('Daniel Park said')."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if i > 0 or (before is not None and (before.lower_ in lx.TITLE_HEADS or before.lower_ in lx.HONORIFICS)):
        return True
    head = ent.root
    if _in_apposition_with_title(head):
        return True
    return ent.label_ == "PERSON" and head.dep_ == "nsubj" and head.head.lemma_.lower() in lx.REPORTING_VERBS


def _in_apposition_with_title(head, nouns=lx.TITLE_HEADS) -> bool:
    """Whether a name's head token stands in apposition with a title: 'the ambassador, Ana King,'
    and 'Ana King, the ambassador,' (either way round), or 'the envoy for the region, Ana King,'
    where the parser hangs the name on the title's prepositional object."""
    if any(c.dep_ == "appos" and c.lemma_.lower() in nouns for c in head.children):
        return True
    if head.dep_ != "appos":
        return False
    tok = head.head
    for _ in range(3):
        if tok.lemma_.lower() in nouns or tok.lower_ in nouns:
            return True
        if tok.dep_ not in ("pobj", "prep") or tok.head is tok:
            return False
        tok = tok.head
    return False


def _given_name(tok, glued: bool = False) -> bool:
    """Whether a token next to a PERSON entity is a name the entity left out."""
    low = tok.lower_
    return (
        tok.pos_ == "PROPN"
        and tok.is_title
        and tok.ent_type_ in ("", "PERSON")
        and (glued or tok.whitespace_ == " ")
        and _name_token(tok.text)
        and low not in lx.HONORIFICS
        and low not in lx.COUNTRIES
        and low not in lx.TITLE_HEADS
        and low not in lx.TITLE_MODIFIERS
        and low not in lx.PORTFOLIO_WORDS
        and low not in NON_PERSON_HEADS
        and low not in FUNCTION_WORDS
        and low not in lx.SEATS
        and low not in lx.ORGANIZATIONS
    )


def _contains(longer: list[str], shorter: list[str]) -> bool:
    """Whether `shorter` (two words or more) is a contiguous part of `longer`."""
    n = len(shorter)
    return 1 < n < len(longer) and any(
        longer[i : i + n] == shorter for i in range(len(longer) - n + 1)
    )


