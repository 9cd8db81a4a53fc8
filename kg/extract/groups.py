"""Plural titles that stand for a group of the article's people: 'the two first ladies',
'a meeting of alliance defence ministers' (for kg.extract.meetings)."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.lexicon import GROUP_HEADS, GROUP_SPELLING, HEADS_OF_STATE
from kg.extract.people import Person


def group_members(tok: Token, titles: dict[Person, list], persons: list[Person], last_seen,
                  sentence_begin: int = -1) -> list:
    """The persons a plural title stands for: 'the two first ladies', 'defence ministers'.

    A person belongs when one of their titles has a head of the same kind and every modifier that
    is a word of some title in the article ('defence', 'first'); with a number ('the two
    leaders'), the most recently mentioned that many. A bare definite plural ('X and Y plan
    talks as the leaders were set to meet') stands for the people of that kind named earlier in
    its own sentence (mentioned at or after `sentence_begin`), when there are two or more.
    """
    lemma = tok.lemma_.lower()
    if tok.tag_ != "NNS" or lemma not in GROUP_HEADS:
        return []
    vocabulary = {w for roles in titles.values() for _, role in roles for w in role.split()}
    mods = [GROUP_SPELLING.get(c.lower_, c.lower_) for c in tok.children if c.dep_ in ("amod", "compound")]
    mods = [m for m in mods if m in vocabulary]
    number = next((c for c in tok.children if c.dep_ == "nummod"), None)
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
    if not mods and number is None and not definite:
        return []
    members = [p for p in persons if any(
        head in GROUP_HEADS[lemma] and all(m in role.split() for m in mods)
        for head, role in titles.get(p, []))]
    if not mods and number is None:
        members = [p for p in members if last_seen(p, tok) >= sentence_begin >= 0]
        return members if len(members) >= 2 else []
    def rank(person) -> tuple[bool, int]:
        # 'the two leaders': heads of state or government before other leaders (an opposition
        # leader), then the most recently mentioned
        top = any(head in HEADS_OF_STATE or role == "prime minister"
                  for head, role in titles.get(person, []))
        return (top if lemma == "leader" else True, last_seen(person, tok))

    members.sort(key=rank, reverse=True)
    if number is not None:
        count = {"two": 2, "three": 3, "four": 4, "both": 2}.get(number.lower_)
        if count is None or len(members) < count:
            return []
        members = members[:count]
    return members


def norm_role(role: str) -> str:
    return " ".join(GROUP_SPELLING.get(w, w) for w in role.lower().split())
