"""Word lists of news English, by topic: the only place the extraction keeps its words.

This is linguistic knowledge of news English, not knowledge of particular articles: which verbs
report speech, which nouns are titles of office, which adjectives name a country. Everything is
lower-case; look words up with `.lower()`. Modules: `speech` (reporting and describing verbs),
`titles` (titles of office), `people` (honorifics, gender, kinship, name particles), `places`
(countries, seats of power, capitals), `organizations` (news agencies, international bodies),
`meetings` (meeting verbs and nouns, status and mode words). Every list of every module is
also here, so `from kg.extract import lexicon as lx; lx.TITLE_HEADS` reads any list: a new list
is one change, in its topic's module.
"""

from __future__ import annotations

from kg.extract.lexicon.meetings import *  # noqa: F403
from kg.extract.lexicon.organizations import *  # noqa: F403
from kg.extract.lexicon.people import *  # noqa: F403
from kg.extract.lexicon.places import *  # noqa: F403
from kg.extract.lexicon.speech import *  # noqa: F403
from kg.extract.lexicon.titles import *  # noqa: F403
