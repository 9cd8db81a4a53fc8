"""Titles of office: found next to names, normalised into one key per real office.

"US Defense Secretary", "US defence secretary" and "United States Secretary of Defense" are one
office, `us.secretary-of-defense`: a scope (an ISO country code, or an organisation's slug) and a
role. Titles are read in two places: before a name ("Kremlin spokesman Dmitry Peskov") and in an
apposition after it ("Mark Rutte, NATO chief", "Tomohiko Taniguchi - former adviser to Abe -").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from kg.extract import lexicon as lx
from kg.extract.lexicon import (
    ACRONYMS,
    LANGUAGES,
    NON_PERSON_HEADS,
    QUALIFIERS,
    ROLE_WORDS,
    TITLE_LINKS,
    TITLE_SMALL_WORDS,
    TITLE_STOP_WORDS,
)
from kg.extract.parse import Parsed
from kg.extract.people import People, Person
from kg.identity import slug
from kg.places import country_name


@dataclass(frozen=True)
class Title:
    """A title read off the text, normalised: `role` plus a country or organisation scope."""

    surface: str
    role: str
    jurisdiction: str | None = None
    organization: str | None = None
    former: bool = False

    @property
    def head(self) -> str:
        """The role's head noun: 'minister' for 'minister of defense'."""
        return self.role.split(" of ")[0].split(" to ")[0].split()[-1]

    def key(self, fallback: str | None = None) -> str | None:
        scope = self.jurisdiction or (slug(self.organization) if self.organization else fallback)
        return f"{scope}.{slug(self.role)}" if scope else None


def _possessive(word: str) -> str:
    return re.sub(r"['’]s?$", "", word)


def _country_in(words: list[str], capitals: bool = True) -> tuple[str | None, set[int]]:
    """Find a country name or demonym among `words`; return its code and the word indexes used."""
    low = [_possessive(w).lower().strip("().,") for w in words]
    for n in (3, 2, 1):
        for i in range(len(low) - n + 1):
            phrase = " ".join(low[i : i + n])
            if phrase in lx.COUNTRIES:
                return lx.COUNTRIES[phrase], set(range(i, i + n))
            if capitals and phrase in lx.CAPITALS and words[i][:1].isupper():
                return lx.CAPITALS[phrase], set(range(i, i + n))
    return None, set()


def _role_phrase(words: list[str]) -> str:
    while words and re.search(r"['’]s$", words[0]):
        words = words[1:]  # "the party's floor leader": the possessor is the scope, not the role
    low = [lx.ROLE_SPELLING.get(w.lower(), w.lower()) for w in words if w.lower() not in QUALIFIERS]
    low = " ".join(low).split()
    if not low:
        return ""
    # "<department> secretary/minister" -> "secretary/minister of <department>"
    if (
        len(low) >= 2
        and low[-1] in ("secretary", "minister")
        and all(w in lx.DEPARTMENTS or w == "affairs" for w in low[:-1])
    ):
        dept = " ".join(low[:-1])
        if dept in ("foreign", "home"):
            dept += " affairs"
        return f"{low[-1]} of {dept}"
    return " ".join(low)


def normalize_title(surface: str) -> list[Title]:
    """Normalise a printed title into one or more `Title`s (a title may join two with 'and').

    >>> [t.key() for t in normalize_title("US Defense Secretary")]
    ['us.secretary-of-defense']
    >>> [t.key() for t in normalize_title("United States Secretary of Defense")]
    ['us.secretary-of-defense']
    >>> [t.key() for t in normalize_title("US defence secretary")]
    ['us.secretary-of-defense']
    >>> [t.key() for t in normalize_title("NATO chief")]
    ['nato.secretary-general']
    >>> [t.key() for t in normalize_title("the president of the Palestinian Authority")]
    ['palestinian-authority.president']
    >>> [(t.role, t.jurisdiction) for t in normalize_title("France’s defence minister")]
    [('minister of defense', 'fr')]
    >>> [t.role for t in normalize_title("Deputy Prime Minister and Minister of Science and ICT")]
    ['deputy prime minister', 'minister of science and ict']
    >>> [t.key() for t in normalize_title("UK Secretary of State for Transport")]
    ['gb.secretary-of-transport']
    >>> [t.key() for t in normalize_title("US ambassador to Japan")]
    ['us.ambassador-to-japan']
    >>> [(t.role, t.former) for t in normalize_title("former PM")]
    [('prime minister', True)]
    >>> [t.key() for t in normalize_title("China's Special Envoy for Middle East Affairs")]
    ['cn.special-envoy-for-middle-east-affairs']
    """
    text = surface.strip().strip(",.;:—–- ")
    text = re.sub(r"^(the|a|an)\s+", "", text, flags=re.IGNORECASE)
    # "A and B" where B starts a new title
    parts = re.split(
        r"\s+and\s+(?=(?:[A-Z][\w-]*\s+)*?(?:Minister|Secretary|President|Chairman|"
        r"Director|Governor|Head|Chief|Leader|Deputy|Vice)\b)",
        text,
    )
    if len(parts) > 1 and all(any(w.lower() in lx.TITLE_HEADS for w in p.split()) for p in parts):
        return [t for p in parts for t in normalize_title(p)]
    words = text.split()
    if not words:
        return []
    former = any(w.lower() in ("former", "ex", "late") for w in words)
    tail_org = None
    tail_role = ""
    at = re.search(r"\s(?:at|with)\s+(?:the\s+)?([A-Z].+)$", text)
    if at:  # 'head of research at the Nordic Institute'
        tail_org = at.group(1)
        text = text[: at.start()]
    m = re.search(r"\s(of|to|for)\s+(the\s+)?(.+)$", text)
    if m:
        head_words = text[: m.start()].split()
        tail = m.group(3)
        tail_words = tail.split()
        code, used = _country_in(tail_words, capitals=False)
        if code and len(used) == len(tail_words) and m.group(1) != "to":  # 'ambassador to Japan'
            pass
        else:
            code = None
        if code:
            jurisdiction_from_tail = code
        else:
            jurisdiction_from_tail = None
        first = tail_words[0].lower()
        if jurisdiction_from_tail:
            pass
        elif (
            (first in lx.DEPARTMENTS or first in ("state",))
            or (not m.group(2) and " and " in tail and m.group(1) == "of")
            or m.group(1) == "to"
            or tail[0].islower()
            or m.group(1) == "for" and tail_words[-1].lower() in lx.PORTFOLIO_WORDS
        ):
            tail_role = f" {m.group(1)} {tail}"
        elif tail_org is None:
            tail_org = tail
        else:
            tail_role = f" {m.group(1)} {tail}"
        words = head_words
    else:
        jurisdiction_from_tail = None
        words = text.split()
    code, used = _country_in(words)
    org_words, role_words, organization = [], [], None
    for i, w in enumerate(words):
        if i in used:
            continue
        bare = _possessive(w).strip("()").lower()
        if w.startswith("(") and w[1:2].isupper():
            org_words.append(w)
        elif bare in lx.SEATS:
            organization = _possessive(w)
        elif bare in lx.ORGANIZATIONS and w[0].isupper():  # 'WHO', not the pronoun 'who'
            organization = lx.ORGANIZATIONS[bare]
        elif bare in ROLE_WORDS or bare in lx.ROLE_SPELLING or not w[0].isupper():
            role_words.append(w)
        else:
            org_words.append(_possessive(w))
    role = _role_phrase(role_words) + tail_role.lower()
    # 'Secretary of State for Transport' = 'Transport Secretary'; 'Minister for X' = 'of X'
    role = re.sub(r"^(secretary) of state for ", r"\1 of ", role)
    role = re.sub(r"^(minister|secretary) for ", r"\1 of ", role)
    role = re.sub(r" of (defence)$", " of defense", role)
    role = role.strip()
    if not role:
        return []
    if organization is None and org_words:
        organization = " ".join(org_words)
    if organization is None and tail_org:
        organization = tail_org
    jurisdiction = jurisdiction_from_tail or code
    if (
        organization
        and role.split()[-1] in ("chief", "head", "leader")
        and organization in lx.ORG_TOP_POST
    ):
        role = lx.ORG_TOP_POST[organization]
    if organization and jurisdiction and organization.lower() in lx.SEATS:
        organization = None
    return [Title(surface, role, jurisdiction, organization, former)]


def display_name(title: Title, jurisdiction: str | None) -> str:
    """A readable name for an office.

    >>> display_name(Title("US defence secretary", "secretary of defense", "us"), "us")
    'Secretary of Defense (United States)'
    >>> display_name(Title("Acme CEO", "ceo", organization="Acme"), None)
    'CEO (Acme)'
    """
    role = " ".join(
        w if w in TITLE_SMALL_WORDS else w.upper() if w in ACRONYMS else w[:1].upper() + w[1:]
        for w in title.role.split()
    )
    scope = title.organization or (country_name(jurisdiction) if jurisdiction else None)
    return f"{role} ({scope})" if scope else role




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

    def of(self, person: Person) -> list[TitleMention]:
        return [m for m in self.mentions if m.person is person]

    def with_mentions(self, more: list[TitleMention]) -> Offices:
        """These offices and `more` title mentions (learned later), as a new value."""
        return Offices([*self.mentions, *more], self.home)

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
    return offices


def title_genders(text: str, offices: Offices) -> dict[Person, str]:
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
    for wb, we, w in reversed(words):
        if w in ("—", "–", "-", "--") or w[-1] in ",;:" and not _listed_portfolio(w, taken):
            break
        glued = re.search(r"[).”\"]([A-Z]\w*)$", w)  # '(Yonhap)Presidential': a caption ran on
        if glued:
            wb, w = wb + glued.start(1), glued.group(1)
        person = people.at(wb, we)
        if person is not None:
            if re.search(r"['’]s$", w):
                possessor = person
            break
        bare = _possessive(w).strip("()").lower()
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
        _possessive(w).strip("().").lower() in lx.TITLE_HEADS
        or _possessive(w).lower() in lx.TITLE_HEADS
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
        return _possessive(w).strip("().,").lower() in lx.TITLE_HEADS
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
    m = _COMMA_TITLE.search(text[max(0, begin - 80) : begin])
    if not m:
        return None
    if not any(w.lower().strip(".,") in lx.TITLE_HEADS for w in m.group(1).split()):
        return None
    if any(w.lower().strip(".,") in lx.KINSHIP for w in m.group(1).split()):
        return None  # 'his son, the former senator X'
    off = max(0, begin - 80)
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
            if _possessive(w.group()).lower().strip(".") in lx.TITLE_HEADS:
                ok = True
            phrase_end = we
        if not ok or (bare and len(words) > 8) or _has_person(parsed, start, phrase_end):
            break
        if len(re.findall(r"\S+", text[start:phrase_end])) > 16:
            break
        out.append((start, phrase_end))
        if bare or stop is None or text[stop_at] != ",":
            break
        pos = stop_at
    return out




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
        code, _ = _country_in(words)
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

