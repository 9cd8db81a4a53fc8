"""What a printed title means: `normalize_title` reads a title phrase into normalised `Title`s,
one key per real office, and `display_name` gives an office its readable name.

"US Defense Secretary", "US defence secretary" and "United States Secretary of Defense" are one
office, `us.secretary-of-defense`: a scope (an ISO country code, or an organisation's slug) and a
role. A pure function of the phrase: `offices` finds the phrases next to names, `speakers` reads
title references ("the Russian president said") with the same function.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract import lexicon as lx
from kg.extract.lexicon import ACRONYMS, QUALIFIERS, ROLE_WORDS, TITLE_SMALL_WORDS
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


def without_possessive(word: str) -> str:
    """"France’s" -> "France"; "allies’" -> "allies"."""
    return re.sub(r"['’]s?$", "", word)


def country_in(words: list[str], capitals: bool = True) -> tuple[str | None, set[int]]:
    """Find a country name or demonym among `words`; return its code and the word indexes used."""
    low = [without_possessive(w).lower().strip("().,") for w in words]
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
    >>> [t.role for t in normalize_title("then a fringe opposition politician")]
    ['fringe opposition politician']
    """
    # what stands before a closing quote or a comma-quote belongs to the sentence before the
    # title ('... in the U.S.," Zalando co-CEO'), and a time adverb or article is no part of it
    text = re.split(r"[“”\"]", surface)[-1].strip().strip(",.;:—–- ")
    text = re.sub(r"^(?:(?:then|now|once|the|a|an)\s+)+", "", text, flags=re.IGNORECASE)
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
    former = any(w.lower() in lx.FORMER_MARKERS for w in words)
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
        code, used = country_in(tail_words, capitals=False)
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
    code, used = country_in(words)
    org_words, role_words, organization = [], [], None
    for i, w in enumerate(words):
        if i in used:
            continue
        bare = without_possessive(w).strip("()").lower()
        if w.startswith("(") and w[1:2].isupper():
            org_words.append(w)
        elif bare in lx.SEATS:
            organization = without_possessive(w)
        elif bare in lx.ORGANIZATIONS and w[0].isupper():  # 'WHO', not the pronoun 'who'
            organization = lx.ORGANIZATIONS[bare]
        elif bare in ROLE_WORDS or bare in lx.ROLE_SPELLING or not w[0].isupper():
            role_words.append(w)
        else:
            org_words.append(without_possessive(w))
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
        and role.split()[-1] in lx.GENERIC_HEADS
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
    >>> display_name(Title("Acme co-CEO", "co-ceo", organization="Acme"), None)
    'Co-CEO (Acme)'
    """
    def word(w: str) -> str:
        if "-" in w:  # 'co-ceo' -> 'Co-CEO'
            return "-".join(word(part) for part in w.split("-"))
        return w if w in TITLE_SMALL_WORDS else w.upper() if w in ACRONYMS else w[:1].upper() + w[1:]

    role = " ".join(word(w) for w in title.role.split())
    scope = title.organization or (country_name(jurisdiction) if jurisdiction else None)
    return f"{role} ({scope})" if scope else role
