"""Word lists the extractors share: reporting verbs, titles, honorifics, countries and demonyms.

This is linguistic knowledge of news English, not knowledge of particular articles: which verbs
report speech, which nouns are titles of office, which adjectives name a country. Everything is
lower-case; look words up with `.lower()`.
"""

from __future__ import annotations

# Verbs whose subject is the speaker of a reported clause or of an adjacent quote (lemmas).
REPORTING_VERBS = frozenset(
    """
say tell add warn insist urge note claim state explain reply respond answer argue counter announce
acknowledge suggest stress emphasise emphasize declare confirm deny admit assert write post tweet
vow promise predict caution concede contend maintain reiterate remark comment recall reveal
complain ask demand testify observe allege affirm agree assure boast conclude disclose estimate
inform mention object pledge propose protest question remind report signal underline urge
caution announce retort quip joke lament hail brief""".split()
)

# Plain verbs of saying: their participle ('..., saying ...') introduces the rest of the sentence.
SAY_VERBS = frozenset(
    "say add tell insist argue warn claim note explain write stress post tweet".split()
)

# Cues the annotation conventions treat as weak (statements they carry are optional).
WEAK_VERBS = frozenset(
    "blame criticise criticize decry lambaste pledge congratulate praise".split()
)

# Verbs whose quoted object is a direct fragment ("described him as a 'close friend'").
DESCRIBING_VERBS = frozenset("call describe dub term label brand title hail".split())

# Reporting verbs that take an object plus an infinitive as their content ("urged X to ...").
OBJECT_INFINITIVE_VERBS = frozenset("urge ask call tell warn remind invite encourage".split())

# Participles that mark an implication, not a speech act, when they trail a clause.
NON_SPEECH_PARTICIPLES = frozenset("suggesting indicating signalling signaling".split())

# Nouns that, as the object of "express"/"voice", carry a that-clause of reported content.
ATTITUDE_NOUNS = frozenset(
    "hope hopes concern concerns worry worries fear fears belief "
    "confidence doubt doubts regret".split()
)

# Honorifics and short titles that precede names and are not part of them.
HONORIFICS = frozenset(
    """
mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady rep rep. sen sen. gov gov.
gen gen. col col. capt capt. lt lt. sgt sgt. rev rev. fr fr. st st. president pres. pm
minister premier chancellor king queen prince princess pope sheikh emir ayatollah judge justice
senator congressman congresswoman representative governor mayor ambassador secretary chairman
chairwoman chair director general commander speaker former late then first
""".split()
)

FEMALE_HONORIFICS = frozenset(
    "mrs mrs. ms ms. miss dame lady queen princess congresswoman chairwoman".split()
)
MALE_HONORIFICS = frozenset("mr mr. sir lord king prince congressman".split())
FEMALE_NOUNS = frozenset("lady wife mother daughter sister spokeswoman woman chairwoman "
                         "congresswoman businesswoman queen princess empress duchess".split())
MALE_NOUNS = frozenset("spokesman congressman businessman king prince emperor duke husband "
                       "father son brother".split())

# Head nouns of titles of office and roles ("defence minister", "NATO chief", "CEO").
TITLE_HEADS = frozenset(
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
archbishop rabbi imam cleric pontiff pollster businessman businesswoman lawyer
""".split()
)

# Nouns for people that a meeting's unnamed counterparts are described by ("met business leaders",
# "met with the company's officials"); the press and audiences are not counterparts.
PEOPLE_NOUNS = TITLE_HEADS | frozenset(
    """
people person official leader executive delegate delegation representative counterpart resident
citizen student worker employee staff member family relative victim survivor veteran troop
soldier farmer activist protester demonstrator investor businessman businesswoman businesspeople
entrepreneur supporter voter refugee lawmaker legislator elder clergy mourner patient teacher
doctor nurse union parent child
""".split()
)
PRESS_NOUNS = frozenset("reporter journalist correspondent editor columnist press media analyst "
                        "audience crowd".split())

# Abbreviated ranks and titles before names, and the role each names.
ABBREVIATED_TITLES = {
    "sen": "senator", "gov": "governor", "gen": "general", "col": "colonel", "lt": "lieutenant",
    "adm": "admiral", "maj": "major", "capt": "captain", "sgt": "sergeant", "cmdr": "commander",
    "supt": "superintendent", "insp": "inspector", "rep": "representative", "amb": "ambassador",
}
TITLE_HEADS = TITLE_HEADS | frozenset(ABBREVIATED_TITLES) | frozenset(
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

# Kinship nouns look like roles but are not offices.
KINSHIP = frozenset(
    "son daughter wife husband brother sister father mother son-in-law "
    "daughter-in-law in-law in law nephew niece uncle aunt cousin grandson "
    "granddaughter grandfather grandmother father-in-law mother-in-law".split()
)

# Country names, short forms and demonyms -> ISO 3166-1 alpha-2 (lower case).
COUNTRIES: dict[str, str] = {}
for _code, _forms in {
    "us": "us u.s. u.s usa u.s.a. united states america american americans",
    "gb": "uk u.k. u.k britain united kingdom british england english",
    "ru": "russia russian russians russian federation",
    "ua": "ukraine ukrainian ukrainians",
    "cn": "china chinese prc",
    "tw": "taiwan taiwanese",
    "jp": "japan japanese",
    "kr": "south korea korea korean south korean rok",
    "kp": "north korea north korean dprk",
    "in": "india indian",
    "pk": "pakistan pakistani",
    "de": "germany german",
    "fr": "france french",
    "it": "italy italian",
    "es": "spain spanish",
    "pt": "portugal portuguese",
    "nl": "netherlands dutch",
    "be": "belgium belgian",
    "pl": "poland polish",
    "se": "sweden swedish",
    "no": "norway norwegian",
    "fi": "finland finnish",
    "dk": "denmark danish",
    "ie": "ireland irish",
    "at": "austria austrian",
    "ch": "switzerland swiss",
    "gr": "greece greek",
    "tr": "turkey turkiye türkiye turkish",
    "hu": "hungary hungarian",
    "cz": "czech republic czechia czech",
    "ro": "romania romanian",
    "ca": "canada canadian",
    "mx": "mexico mexican",
    "br": "brazil brazilian",
    "ar": "argentina argentine argentinian",
    "au": "australia australian",
    "nz": "new zealand",
    "il": "israel israeli",
    "ps": "palestine palestinian",
    "ir": "iran iranian",
    "iq": "iraq iraqi",
    "sy": "syria syrian",
    "lb": "lebanon lebanese",
    "jo": "jordan jordanian",
    "eg": "egypt egyptian",
    "sa": "saudi arabia saudi",
    "ae": "uae united arab emirates emirati",
    "qa": "qatar qatari",
    "za": "south africa south african",
    "ng": "nigeria nigerian",
    "ke": "kenya kenyan",
    "et": "ethiopia ethiopian",
    "id": "indonesia indonesian",
    "my": "malaysia malaysian",
    "ph": "philippines philippine filipino",
    "vn": "vietnam vietnamese",
    "th": "thailand thai",
    "sg": "singapore singaporean",
    "af": "afghanistan afghan",
    "by": "belarus belarusian",
    "ve": "venezuela venezuelan",
    "co": "colombia colombian",
    "cl": "chile chilean",
    "cu": "cuba cuban",
    "va": "vatican holy see",
    "sd": "sudan sudanese",
    "ss": "south sudanese",
    "ly": "libya libyan",
    "ye": "yemen yemeni",
    "ma": "morocco moroccan",
    "dz": "algeria algerian",
    "tn": "tunisia tunisian",
    "rs": "serbia serbian",
    "hr": "croatia croatian",
    "bg": "bulgaria bulgarian",
    "sk": "slovakia slovak",
    "si": "slovenia slovenian",
    "lt": "lithuania lithuanian",
    "lv": "latvia latvian",
    "ee": "estonia estonian",
    "ge": "georgia georgian",
    "am": "armenia armenian",
    "az": "azerbaijan azerbaijani",
    "kz": "kazakhstan kazakh",
    "uz": "uzbekistan uzbek",
    "bd": "bangladesh bangladeshi",
    "lk": "sri lanka lankan",
    "np": "nepal nepalese nepali",
    "mm": "myanmar burmese",
    "kh": "cambodia cambodian",
    "pe": "peru peruvian",
    "ec": "ecuador ecuadorian",
    "gh": "ghana ghanaian",
    "sn": "senegal senegalese",
    "ug": "uganda ugandan",
    "tz": "tanzania tanzanian",
    "zw": "zimbabwe zimbabwean",
    "cd": "congolese",
    "rw": "rwanda rwandan",
    "bi": "burundi burundian",
    "ao": "angola angolan",
    "mz": "mozambique mozambican",
    "zm": "zambia zambian",
    "cm": "cameroon cameroonian",
    "so": "somalia somali",
    "er": "eritrea eritrean",
    "ml": "mali malian",
    "hk": "hong kong",
}.items():
    _words = _forms.split()
    for _w in _words:
        COUNTRIES.setdefault(_w, _code)
# the parts of multi-word names are not names on their own
for _part in (
    "north",
    "south",
    "united",
    "states",
    "kingdom",
    "new",
    "zealand",
    "africa",
    "arab",
    "emirates",
    "republic",
    "federation",
    "arabia",
    "holy",
    "see",
    "sri",
    "lanka",
    "hong",
    "kong",
    "lankan",
):
    COUNTRIES.pop(_part, None)
# multi-word forms
for _phrase, _code in {
    "united states": "us",
    "united kingdom": "gb",
    "south korea": "kr",
    "north korea": "kp",
    "saudi arabia": "sa",
    "new zealand": "nz",
    "south africa": "za",
    "czech republic": "cz",
    "russian federation": "ru",
    "united arab emirates": "ae",
    "south korean": "kr",
    "north korean": "kp",
    "holy see": "va",
    "sri lanka": "lk",
    "hong kong": "hk",
    "south sudan": "ss",
    "vatican city": "va",
}.items():
    COUNTRIES[_phrase] = _code

# Seats of power used metonymically, and capitals (for datelines) -> country.
SEATS: dict[str, str] = {
    "kremlin": "ru",
    "white house": "us",
    "pentagon": "us",
    "downing street": "gb",
    "elysee": "fr",
    "élysée": "fr",
    "blue house": "kr",
    "zhongnanhai": "cn",
}
CAPITALS: dict[str, str] = {
    "washington": "us",
    "moscow": "ru",
    "kyiv": "ua",
    "kiev": "ua",
    "beijing": "cn",
    "tokyo": "jp",
    "seoul": "kr",
    "pyongyang": "kp",
    "london": "gb",
    "paris": "fr",
    "berlin": "de",
    "rome": "it",
    "madrid": "es",
    "brussels": "be",
    "jerusalem": "il",
    "tehran": "ir",
    "new delhi": "in",
    "islamabad": "pk",
    "ottawa": "ca",
    "canberra": "au",
    "ankara": "tr",
    "cairo": "eg",
    "riyadh": "sa",
    "taipei": "tw",
    "jakarta": "id",
    "manila": "ph",
    "hanoi": "vn",
    "bangkok": "th",
    "warsaw": "pl",
    "budapest": "hu",
}

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

# Common nouns a place name stands before ("Bac Ninh province", "Cox's Bazar district"): a name
# right before one of them names the place, not a person.
PLACE_NOUNS = frozenset(
    """
province provinces prefecture county district region state municipality city town township
village island islands river valley lake mountain mountains peninsula governorate oblast
territory commune canton department capital
""".split()
)

PRONOUNS_MALE = frozenset({"he", "him", "his"})
PRONOUNS_FEMALE = frozenset({"she", "her", "hers"})
