"""Titles of office: their head nouns, modifiers, spellings and portfolios, and the words a title
is read among. Lower case.
"""

from __future__ import annotations

# Head nouns of titles of office and roles, written in full.
TITLE_NOUNS = frozenset(
    """
president vice-president minister premier chancellor secretary spokesman spokeswoman
spokesperson chief head leader adviser advisor ceo cfo coo cto chairman chairwoman chair
director governor mayor ambassador envoy senator congressman congresswoman representative rep
rep. lawmaker legislator prime pm king queen prince princess emperor monarch commander general
admiral chief-of-staff officer official manager founder co-founder executive partner analyst
associate fellow professor researcher economist scientist rapporteur correspondent editor reporter journalist
columnist lady judge justice prosecutor attorney commissioner governor-general
secretary-general vice-chairman deputy undersecretary under-secretary speaker whip treasurer
mp mep assistant aide artisan designer negotiator spokesperson diplomat strategist consultant
coach captain superintendent inspector ruler dictator sultan emir sheikh pope bishop cardinal
archbishop rabbi imam cleric pontiff pollster businessman businesswoman lawyer activist
model developer tycoon incumbent politician teacher campaigner co-ceo colonel
""".split()
)

# Abbreviated ranks and titles before names, and the role each names.
ABBREVIATED_TITLES = {
    "sen": "senator", "gov": "governor", "gen": "general", "col": "colonel", "lt": "lieutenant",
    "adm": "admiral", "maj": "major", "capt": "captain", "sgt": "sergeant", "cmdr": "commander",
    "supt": "superintendent", "insp": "inspector", "rep": "representative", "amb": "ambassador",
}
# ... and with their abbreviations ('Sen.', 'Gov.').
TITLE_HEADS = TITLE_NOUNS | frozenset(ABBREVIATED_TITLES) | frozenset(
    f"{a}." for a in ABBREVIATED_TITLES) | (frozenset(ABBREVIATED_TITLES.values()) - {"major"})

# Modifiers that can sit inside a title ("former deputy prime minister").
TITLE_MODIFIERS = frozenset(
    """
former interim acting deputy vice senior chief top first foreign defence defense finance
interior home economy economic trade justice health education energy foreign-affairs
newly-elected new outgoing incoming late then national security general executive special
assistant associate principal regional supreme state prime managing presidential
""".split()
)

# Role words folded to one spelling before building office keys.
ROLE_SPELLING = {
    **{f"{a}.": r for a, r in ABBREVIATED_TITLES.items()},
    **ABBREVIATED_TITLES,
    "defence": "defense",
    "spokesman": "spokesperson",
    "spokeswoman": "spokesperson",
    "advisor": "adviser",
    "chairwoman": "chairman",
    "chair": "chairman",
    "pm": "prime minister",
    "rep.": "representative",
    "rep": "representative",
    "congressman": "representative",
    "congresswoman": "representative",
    "organisation": "organization",
    "pontiff": "pope",
}

# "<scope> chief/head/leader" of an international organisation names its top post.
ORG_TOP_POST = {
    "NATO": "secretary-general",
    "United Nations": "secretary-general",
    "WHO": "director-general",
    "WTO": "director-general",
    "IAEA": "director-general",
    "IMF": "managing director",
    "European Commission": "president",
}

# "<X> secretary" means "secretary of <X>" for these departments (US usage); same for ministers.
DEPARTMENTS = frozenset(
    """defense state treasury commerce labor energy education health
interior agriculture transportation homeland justice foreign finance home trade economy
culture environment industry science unification transport housing climate veterans digital
tourism fisheries infrastructure land oceans labour employment welfare communications
information security development staff""".split()
)

# Words that end the portfolio of a title ("Minister of Economy, Trade and Industry", "Special
# Representative for Korean Peninsula Affairs"): a department, or a noun naming a field of policy.
PORTFOLIO_WORDS = DEPARTMENTS | frozenset(
    """affairs relations resources planning policy cooperation reform enlargement mines mining
    petroleum water forestry aviation sport sports youth women family heritage immigration
    telecommunications""".split()
)

# Words that qualify a holder's tenure, not the office ("former", "acting").
QUALIFIERS = frozenset(
    "former interim acting newly-elected new outgoing incoming late then ex current sitting".split()
)
# Lower-case words a title may hold between its capitalised words ("Minister of the Interior").
TITLE_SMALL_WORDS = frozenset("of the and for to at in on".split())
# Every word a title of office may be made of.
ROLE_WORDS = (
    TITLE_HEADS
    | TITLE_MODIFIERS
    | DEPARTMENTS
    | QUALIFIERS
    | frozenset(
        "board floor ruling opposition affairs science ministry department government cabinet press "
        "presidential office agency military army political diplomatic economics business "
        "technology security world international investigations culture sports district federal "
        "circuit appeals county municipal provincial nominee designate elect".split()
    )
)
# Acronyms printed in capitals inside titles ("CEO", "MEP").
ACRONYMS = frozenset("ceo cfo coo cto cio mp mep ict it ai un eu".split())
# Words that end a title read after a name.
TITLE_STOP_WORDS = frozenset(
    "the a an including by with and or but for from in on at to as of "
    "his her their its this that which who whom whose".split()
)
TITLE_LINKS = ("of", "for", "and", "to")  # inside a title: 'Minister for Foreign Affairs'
# Names of languages: an adjective of language is not a title's country ("English teacher").
LANGUAGES = frozenset(
    "english french spanish german arabic chinese japanese korean portuguese "
    "italian dutch russian turkish".split()
)

# Plural title heads and the singular heads of the people a group of them stands for
# ("the two leaders" -> presidents, premiers, chancellors, ...).
GROUP_HEADS = {
    "leader": {"president", "leader", "premier", "chancellor", "minister", "king", "emperor"},
    "president": {"president"},
    "minister": {"minister", "secretary"},
    "secretary": {"minister", "secretary"},
    "premier": {"premier", "minister"},
    "lady": {"lady"},
    "chief": {"chief", "head", "secretary-general"},
}
# Heads of state and government: one per country, so a group of them has one per country.
HEADS_OF_STATE = frozenset("president premier chancellor king queen emperor".split())
# Spellings folded before a group's title is compared with its members'.
GROUP_SPELLING = {"defence": "defense", "labour": "labor"}

# Words that make a title a past one ('former PM', 'ex-minister', 'the late president').
FORMER_MARKERS = frozenset("former ex late".split())

# Generic heads of an organisation, read as its top post where one is known ('NATO chief').
GENERIC_HEADS = frozenset("chief head leader".split())

