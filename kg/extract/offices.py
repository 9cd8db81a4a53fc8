"""Titles of office next to names: who holds which title in this article.

Titles are read in two places: before a name ("Kremlin spokesman Dmitry Peskov") and in an
apposition after it ("Mark Rutte, NATO chief", "Tomohiko Taniguchi - former adviser to Abe -");
`kg.extract.titles` says what each printed title means (its normalised `Title`s).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from kg.extract import lexicon as lx
from kg.extract.lexicon import (
    LANGUAGES,
    NON_PERSON_HEADS,
    ROLE_WORDS,
    TITLE_LINKS,
    TITLE_STOP_WORDS,
)
from kg.extract.parse import Parsed
from kg.extract.people import People, Person
from kg.extract.titles import Title, country_in, normalize_title, without_possessive


@dataclass
class TitleMention:
    """A title attached to a person in the text."""

    person: Person
    titles: list[Title]
    begin: int
    end: int
    possessor: Person | None = None


@dataclass
class Offices:
    """Titles found in one article, per person."""

    mentions: list[TitleMention] = field(default_factory=list)
    home: str | None = None
    genders: dict[Person, str] = field(default_factory=dict)  # what gendered titles say

    def of(self, person: Person) -> list[TitleMention]:
        return [m for m in self.mentions if m.person is person]

    def with_mentions(self, more: list[TitleMention]) -> Offices:
        """These offices and `more` title mentions (learned later), as a new value."""
        return Offices([*self.mentions, *more], self.home, self.genders)

    def jurisdiction_of(self, person: Person) -> str | None:
        for m in self.of(person):
            for t in m.titles:
                if t.jurisdiction:
                    return t.jurisdiction
        return None

    def scope(self, mention: TitleMention, title: Title) -> tuple[str | None, str | None]:
        """(jurisdiction, organization), with the fallbacks for an unscoped title."""
        if title.jurisdiction or title.organization:
            return title.jurisdiction, title.organization
        if mention.possessor is not None:
            code = self.jurisdiction_of(mention.possessor)
            if code:
                return code, None
        code = self.jurisdiction_of(mention.person)
        if code is None:
            orgs = [
                t.organization for m in self.of(mention.person) for t in m.titles if t.organization
            ]
            if orgs and re.match(r"(?i)(the\s+)?\w+['’]s\s", title.surface):
                return None, orgs[0]  # "PPP Rep. X, the party's floor leader"
        return (code or self.home), None

    def holders(self, title: Title) -> list[Person]:
        """Persons holding an office that a title reference ('the Russian president') names."""
        out: list[Person] = []
        for m in self.mentions:
            for t in m.titles:
                jur, org = self.scope(m, t)
                if title.head != t.head:
                    continue
                if len(title.role.split()) > 1 and title.role != t.role:
                    continue
                if title.jurisdiction and title.jurisdiction != jur:
                    continue
                if title.organization and (org or "").lower() != title.organization.lower():
                    continue
                if m.person not in out:
                    out.append(m.person)
        return out




def find_titles(parsed: Parsed, people: People, publisher: str | None = None) -> Offices:
    """Read the titles printed before and after every person mention."""
    offices = Offices(home=home_country(parsed.text, publisher))
    text = parsed.text
    mention_starts = {b: p for b, _, p in people.mentions()}
    for b, e, person in people.mentions():
        before = _title_before(parsed, people, b, mention_starts)
        # 'A military spokesperson, Lt. Col. X,' / 'its chairwoman, Dame Ann Hale,'
        start = before[0] if before else _honorifics_start(text, b)
        for pre in (before, _title_comma_before(text, start, e)):
            if pre:
                tb, te, surface, possessor = pre
                titles = normalize_title(surface)
                if titles:
                    offices.mentions.append(TitleMention(person, titles, tb, te, possessor))
        for tb, te in _titles_after(parsed, e):
            det = re.match(r"(the|a|an)\s+", text[tb:te], flags=re.IGNORECASE)
            tb += det.end() if det else 0
            titles = normalize_title(text[tb:te])
            if titles:
                offices.mentions.append(TitleMention(person, titles, tb, te))
    offices.home = home_country(text, publisher)
    _salient_references(parsed, people, offices)
    offices.genders = _title_genders(text, offices)
    return offices


def _title_genders(text: str, offices: Offices) -> dict[Person, str]:
    """What the titles say of gender ('spokeswoman', 'first lady', 'chairman'): the first title
    with a gendered noun, per person."""
    genders: dict[Person, str] = {}
    for m in offices.mentions:
        words = {w.lower() for w in re.findall(r"[\w-]+", text[m.begin : m.end])}
        if words & lx.FEMALE_NOUNS:
            genders.setdefault(m.person, "f")
        elif words & lx.MALE_NOUNS:
            genders.setdefault(m.person, "m")
    return genders


def _salient_references(parsed: Parsed, people: People, offices: Offices) -> None:
    """'the US president' with no named holder in the article: the article's most mentioned
    person, when that person has no title of their own."""
    untitled = [p for p in people.persons if not offices.of(p) and len(p.mentions) >= 3]
    if not untitled:
        return
    main = max(untitled, key=lambda p: len(p.mentions))
    if any(len(p.mentions) > len(main.mentions) for p in people.persons if p is not main):
        return
    for tok in parsed.all_tokens():
        if tok.lemma_.lower() not in lx.TITLE_HEADS or tok.pos_ != "NOUN":
            continue
        if not any(c.lower_ == "the" and c.dep_ == "det" for c in tok.children):
            continue
        mods = [c for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i]
        if not mods or tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].ent_type_ == "PERSON":
            continue
        b, e = parsed.begin(mods[0]), parsed.end(tok)
        if "“" in parsed.text[max(0, b - 200) : b] and "”" not in parsed.text[max(0, b - 200) : b]:
            continue
        # the main person must be the one in view: named in this or the two sentences before,
        # with no other untitled person named there
        k = parsed.sent_index(b)
        window_b = parsed.sbegin(parsed.sents[max(0, k - 2)])
        seen = {id(p) for mb, _, p in people.mentions() if window_b <= mb < e and not offices.of(p)}
        if seen != {id(main)}:
            continue
        for title in normalize_title(parsed.text[b:e]):
            if title.jurisdiction and not offices.holders(title):
                offices.mentions.append(TitleMention(main, [title], b, e))
                return


def _title_before(parsed: Parsed, people: People, begin: int, starts) -> tuple | None:
    text = parsed.text
    sent = parsed.sent_at(begin)
    sb = parsed.sbegin(sent)
    words = [(m.start() + sb, m.end() + sb, m.group()) for m in re.finditer(r"\S+", text[sb:begin])]
    taken: list[tuple[int, int, str]] = []
    possessor = None
    rev = words[::-1]
    for k, (wb, we, w) in enumerate(rev):
        if w == "the" and taken and taken[-1][2][:1].isupper() and k + 1 < len(rev) \
                and rev[k + 1][2] in TITLE_LINKS:
            taken.append((wb, we, w))  # 'Secretary to the Treasury', 'Minister of the Interior'
            continue
        if w in ("—", "–", "-", "--") or w[-1] in ",;:" and not _listed_portfolio(w, taken):
            break
        glued = re.search(r"[).”\"]([A-Z]\w*)$", w)  # '(Yonhap)Presidential': a caption ran on
        if glued:
            wb, w = wb + glued.start(1), glued.group(1)
        then = re.match(r"(?i)(?:then|now|ex)-(?=[A-Z])", w)  # 'Then-President X': the title
        if then:
            wb, w = wb + then.end(), w[then.end():]
        person = people.at(wb, we)
        if person is not None:
            if re.search(r"['’]s$", w):
                possessor = person
            break
        bare = without_possessive(w).strip("()").lower()
        if bare in TITLE_STOP_WORDS and bare not in TITLE_LINKS:
            break
        if w[0].isupper() or w[0] == "(":
            toks = parsed.tokens(wb, we)
            if toks and toks[0].pos_ in (
                "VERB",
                "AUX",
                "ADV",
                "PRON",
                "DET",
                "ADP",
                "SCONJ",
                "CCONJ",
            ):
                break
            if bare in NON_PERSON_HEADS and bare not in ROLE_WORDS and not taken:
                break
        elif (
            bare not in ROLE_WORDS
            and bare not in TITLE_LINKS
            and not re.match(r"^[\w-]+-\w+$", bare)
        ):
            break
        taken.append((wb, we, w))
        if glued:
            break
    taken = _portfolio_list_checked(taken[::-1])
    taken = _own_title(taken)
    while taken and taken[0][2].lower() in TITLE_LINKS:
        taken.pop(0)
    if not taken:
        return None
    if not any(
        without_possessive(w).strip("().").lower() in lx.TITLE_HEADS
        or without_possessive(w).lower() in lx.TITLE_HEADS
        for _, _, w in taken
    ):
        return None
    if any(w.lower() in lx.KINSHIP for _, _, w in taken):
        return None
    return taken[0][0], taken[-1][1], text[taken[0][0] : taken[-1][1]], possessor




def _own_title(taken: list) -> list:
    """The name's own title when the words before it are another person's role and then the
    name's title: 'a spokesman for President X' -> 'President' ('Minister for Foreign Affairs X'
    keeps its whole title: no title word follows its 'for')."""
    def is_title(w: str) -> bool:
        return without_possessive(w).strip("().,").lower() in lx.TITLE_HEADS
    for k, (_, _, w) in enumerate(taken):
        if w.lower() in ("for", "of") and any(is_title(x) for _, _, x in taken[:k]) \
                and any(is_title(x) for _, _, x in taken[k + 1:]):
            return taken[k + 1:]
    return taken


def _listed_portfolio(word: str, taken: list) -> bool:
    """Whether a word with a comma may be an item of a title's list of portfolios ('Economy,' in
    'Minister of Economy, Trade and Industry'): capitalised, with the list's 'and' already read
    after it. `_portfolio_list_checked` confirms it once the whole title is read."""
    return word.endswith(",") and word[:1].isupper() and any(w == "and" for _, _, w in taken)


def _portfolio_list_checked(taken: list) -> list:
    """The title words, read left to right, cut after the last comma unless the list of
    portfolios holding it follows 'of'/'for' ('Minister of Mines, Energy and Industry'; but not
    'In Paris, Trade and Industry Minister')."""
    commas = [k for k, (_, _, w) in enumerate(taken) if w.endswith(",")]
    if commas and not any(w.lower() in ("of", "for") for _, _, w in taken[: commas[0]]):
        return taken[commas[-1] + 1 :]
    return taken


_COMMA_TITLE = re.compile(
    r"(?:^|(?<=[\s(]))(?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|(?:[A-Z][\w.]*\s+){0,3}[A-Z][\w.]*(?:['’]s|s['’]))"
    r"\s+((?:[\w'’.-]+\s+){0,4}?[\w.-]+),\s+$"
)


def _honorifics_start(text: str, begin: int) -> int:
    """Where the capitalised honorifics printed right before a name start ('Dame', 'Dr')."""
    while True:
        m = re.search(r"(\S+)\s+$", text[max(0, begin - 20) : begin])
        if not m or not m.group(1)[0].isupper() or m.group(1).lower() not in lx.HONORIFICS:
            return begin
        begin = max(0, begin - 20) + m.start(1)


def _title_comma_before(text: str, begin: int, end: int) -> tuple | None:
    """'The president, Luiz Silva, said' / 'talks with the mayor, Ana Lima.': a title set off by
    a comma before the name, the name closed by a comma or the end of the sentence."""
    if not re.match(r",|\.(?:\s|$)", text[end : end + 2]):
        return None
    off = max(0, begin - 80)
    m = _COMMA_TITLE.search(text[off:begin])
    if not m:
        return None
    owner = re.search(r"(?:^|\s)((?:[A-Z][\w.]*\s+)*[A-Z][\w.]*(?:['’]s|s['’]))\s", m.group(1))
    if owner and owner.start(1) > 0:
        # 'a week after Valdoria's foreign minister, X': the title starts at its owner
        off += m.start(1) + owner.start(1)
        m = _COMMA_TITLE.search(text[off:begin])
        if not m:
            return None
    if not any(w.lower().strip(".,") in lx.TITLE_HEADS for w in m.group(1).split()):
        return None
    if any(w.lower().strip(".,") in lx.KINSHIP for w in m.group(1).split()):
        return None  # 'his son, the former senator X'
    tb = off + m.start()
    det = re.match(r"(the|an?|its|his|her|their)\s+", text[tb:], flags=re.IGNORECASE)
    if det:
        tb += det.end()
    return tb, off + m.end(1), text[tb : off + m.end(1)], None


_APPOSITION = re.compile(r"\s*(?:,|\s[-–—]|[-–—])\s*")


def _titles_after(parsed: Parsed, end: int) -> list[tuple[int, int]]:
    """Appositive titles after a name: ', the president of X,' / ' - former adviser -'."""
    text = parsed.text
    out = []
    pos = end
    for _ in range(2):
        m = _APPOSITION.match(text, pos)
        bare = False
        if not m:
            nxt = re.match(r"\s+([a-z][\w-]*)", text[pos:])
            if not nxt or nxt.group(1) not in ROLE_WORDS:
                break
            start = pos + nxt.start(1)
            bare = True
        else:
            start = m.end()
        stop = re.search(r"[,;()—–\n]|\s-\s|[.!?](\s|$)|[“”\"]", text[start:])
        stop_at = start + (stop.start() if stop else len(text) - start)
        phrase_end = start
        words = list(re.finditer(r"\S+", text[start:stop_at]))
        if not words:
            break
        first = words[0].group().lower()
        if first in ("who", "which", "whose", "and", "but", "where", "when") or first[0].isdigit():
            break
        ok = False
        for k, w in enumerate(words):
            wb, we = start + w.start(), start + w.end()
            if k > 0 and w.group() in ("who", "which", "that", "whose", "whom"):
                break  # 'a retired general who served as ...': the relative clause is not the title
            toks = parsed.tokens(wb, we)
            if (
                k > 0
                and toks
                and toks[0].pos_ in ("VERB", "AUX")
                and toks[0].tag_ != "VBN"
                or toks
                and toks[0].tag_ == "VBN"
                and k > 0
                and toks[0].dep_ in ("acl", "relcl")
            ):
                break
            if bare and toks and toks[0].pos_ in ("VERB", "AUX"):
                break
            if without_possessive(w.group()).lower().strip(".") in lx.TITLE_HEADS:
                ok = True
            phrase_end = we
        if not ok or (bare and len(words) > 8) or _has_person(parsed, start, phrase_end):
            break
        if len(re.findall(r"\S+", text[start:phrase_end])) > 16:
            break
        if stop is not None and text[stop_at] == "," and _name_follows(parsed, stop_at + 1):
            break  # 'talks with X, her spokesman, Y, said': the title is Y's
        out.append((start, phrase_end))
        if bare or stop is None or text[stop_at] != ",":
            break
        pos = stop_at
    return out




def _name_follows(parsed: Parsed, pos: int) -> bool:
    """Whether a person's name starts at `pos` (after spaces)."""
    while pos < len(parsed.text) and parsed.text[pos] == " ":
        pos += 1
    word = re.match(r"\S+", parsed.text[pos:])
    toks = parsed.tokens(pos, pos + len(word.group())) if word else []
    return bool(toks) and toks[0].ent_type_ == "PERSON" and toks[0].ent_iob_ == "B"


def _has_person(parsed: Parsed, begin: int, end: int) -> bool:
    """Whether a phrase names another person other than as a prepositional object ('adviser to
    Abe' is a title; 'CEO of X Harold Rogers and others' is the next item of a list)."""
    toks = parsed.tokens(begin, end)
    for k, t in enumerate(toks):
        if t.ent_type_ == "PERSON" and t.ent_iob_ == "B":
            if k == 0 or toks[k - 1].pos_ != "ADP":
                return True
    return False


def home_country(text: str, publisher: str | None) -> str | None:
    """The country an article's unscoped titles belong to: the publisher's, or that of the
    national news agency in its dateline ('SEOUL, Feb. 3 (Yonhap) --'); else the one country the
    article is about, when at least three quarters of its country mentions name it. A country
    that is merely named most is not evidence enough (a Brussels story about Russia would make
    every unscoped 'President' Russian): then such titles stay unscoped (None)."""
    if publisher:
        words = [w for w in publisher.split() if w.lower() not in LANGUAGES]
        code, _ = country_in(words)
        if code:
            return code
        for w in words:
            if w.lower().strip("().,") in lx.AGENCIES:
                return lx.AGENCIES[w.lower().strip("().,")]
    # a national agency's dateline: 'SEOUL, Feb. 3 (Yonhap) --'
    for m in re.finditer(r"\((\w+)\)\s*(?:--|—|–|-)", text[:2000]):
        if m.group(1).lower() in lx.AGENCIES:
            return lx.AGENCIES[m.group(1).lower()]
    counts: Counter[str] = Counter()
    words = re.findall(r"[\w.]+", text)
    low = [w.lower().rstrip(".") for w in words]
    for n in (1, 2, 3):
        for i in range(len(low) - n + 1):
            phrase = " ".join(low[i : i + n])
            code = lx.COUNTRIES.get(phrase) if len(phrase) > 3 else None
            code = code or lx.CAPITALS.get(phrase)
            if code:
                counts[code] += 1
    for w in words:
        if w.rstrip(".") in ("US", "U.S", "UK", "U.K"):
            counts["us" if w.startswith("U") and "S" in w else "gb"] += 1
    total = sum(counts.values())
    best = counts.most_common(1)
    if best and best[0][1] >= 2 and best[0][1] >= 0.75 * total:
        return best[0][0]  # the story is about one country: its titles are that country's
    return None

