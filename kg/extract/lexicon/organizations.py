"""Organisations: national news agencies and international organisations. Lower case keys.
"""

from __future__ import annotations

# National news agencies: their name in the publisher or dateline tells the article's home country.
AGENCIES: dict[str, str] = {
    "yonhap": "kr",
    "kyodo": "jp",
    "jiji": "jp",
    "xinhua": "cn",
    "tass": "ru",
    "ria": "ru",
    "interfax": "ru",
    "anadolu": "tr",
    "ansa": "it",
    "pti": "in",
    "bernama": "my",
    "antara": "id",
    "kcna": "kp",
    "irna": "ir",
    "wafa": "ps",
    "ukrinform": "ua",
    "efe": "es",
    "dpa": "de",
}

# International organisations whose posts are offices (abbreviation -> display name).
ORGANIZATIONS: dict[str, str] = {
    "nato": "NATO",
    "un": "United Nations",
    "united nations": "United Nations",
    "eu": "European Union",
    "european union": "European Union",
    "imf": "IMF",
    "who": "WHO",
    "wto": "WTO",
    "european commission": "European Commission",
    "opec": "OPEC",
    "asean": "ASEAN",
    "african union": "African Union",
    "world bank": "World Bank",
    "iaea": "IAEA",
}

# Head nouns of bodies that speak for themselves when a country or organisation scopes them
# ("China's foreign ministry said", "the Chinese embassy in Japan published a statement").
BODY_HEADS = frozenset(
    """
ministry embassy consulate government administration department agency company firm bank party
council commission court army military police parliament legislature cabinet committee authority
regulator watchdog office presidency
""".split()
)

# Nouns for someone who speaks for a body without being named: 'a spokesperson for the
# government', 'an Acme spokesman', 'a senior State Department official' speak for that body.
REPRESENTATIVE_NOUNS = frozenset(
    "spokesperson spokesman spokeswoman official representative source head chief".split()
)

# Nouns for what a body publishes: 'according to figures released by the commission', 'according
# to a statement from the ministry' name the body as the source.
DOCUMENT_NOUNS = frozenset(
    "statement figures data report readout communique communiqué estimate estimates survey study "
    "release filing letter memo".split()
)

# Nouns for a company or a brand: a name they introduce or list is no person ('clothing brand Hugo
# Lind', 'brands including Diesel and Ana Ruiz', 'a lawyer at Webber Vos, the firm ...').
COMPANY_NOUNS = frozenset(
    "brand company firm group retailer label chain maker manufacturer carmaker supermarket "
    "conglomerate subsidiary startup airline house outlet publisher broadcaster".split()
)

# Common nouns for a body, which a name in apposition names ('its anti-graft body, the
# Inspectorate of Government').
BODY_NOUNS = BODY_HEADS | COMPANY_NOUNS | frozenset(
    "body agency watchdog regulator group organisation organization ngo charity alliance bloc "
    "union association coalition".split())

# Words for the kind of body printed before its name ('human rights NGO X', 'clothing brand Y'):
# not part of the name.
BODY_KINDS = COMPANY_NOUNS | frozenset("ngo charity nonprofit organisation organization".split())

# How a credit line of the newsroom opens or ends ('Reporting by A in London; Editing by B',
# 'Additional reporting by C', 'D contributed to this report'): from the first such line on,
# the article's tail names journalists, not the news's persons.
CREDIT_LINE = r"(?i)^\(?(?:additional\s+)?(?:reporting|writing|editing|research|compiled|" \
    r"graphics|production)\b.{0,40}\bby\b" \
    r"|\bcontributed\s+(?:to\s+)?(?:this|the)\s+(?:report|story|article)\.?\)?$" \
    r"|^\(?\w[\w.&-]*['’]s\s+(?:[\w.-]+\s+){1,5}contributed(?:\s+reporting)?\.?\)?$"
