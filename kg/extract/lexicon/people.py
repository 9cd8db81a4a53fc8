"""Words about people: honorifics, words that tell gender, kinship, nouns for people, name
particles, and the heads of names that are not people's. Lower case.
"""

from __future__ import annotations

from kg.extract.lexicon.titles import TITLE_HEADS, TITLE_NOUNS

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

# Words that tell a person's gender: honorifics before a name, nouns in apposition with it.
FEMALE_HONORIFICS = frozenset(
    "mrs mrs. ms ms. miss dame lady queen princess congresswoman chairwoman".split()
)
MALE_HONORIFICS = frozenset("mr mr. sir lord king prince congressman".split())
FEMALE_NOUNS = frozenset("lady wife mother daughter sister spokeswoman woman chairwoman "
                         "congresswoman businesswoman queen princess empress duchess".split())
MALE_NOUNS = frozenset("spokesman congressman businessman king prince emperor duke husband "
                       "father son brother".split())

# Nouns for people that a meeting's unnamed counterparts are described by ("met business leaders",
# "met with the company's officials"); the press and audiences are not counterparts.
PEOPLE_NOUNS = TITLE_NOUNS | frozenset(
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


# Kinship nouns look like roles but are not offices.
KINSHIP = frozenset(
    "son daughter wife husband brother sister father mother son-in-law "
    "daughter-in-law in-law in law nephew niece uncle aunt cousin grandson "
    "granddaughter grandfather grandmother father-in-law mother-in-law".split()
)

# Honorifics a name is also printed with ('President Trump', 'Rep. Kim'): alternative names.
ADDRESS_FORMS = frozenset(
    "president rep. mr. mrs. ms. dr. sen. gov. pope king queen prince princess premier "
    "chancellor sir dame lord lady mr mrs ms dr".split()
) & (HONORIFICS | frozenset("rep. sen. gov.".split()))

# Last words that make a capitalised phrase a place, building, company or work, not a person.
NON_PERSON_HEADS = frozenset(
    """
palace house hall building tower square street avenue road bridge airport station port
images photos news agency press times post herald daily journal group company corp corporation
inc ltd institute foundation university college school academy party committee council
ministry department office court assembly congress parliament senate army navy force forces
bank fund union league association organization organisation center centre museum library
hotel church mosque temple cathedral stadium park island islands river lake mountain mountains
city county province state region district valley gulf sea ocean strait peninsula airlines
air motors electronics group administration government authority commission holdings capital
partners industries technologies ventures labs
""".split()
)
# Lower-case particles inside names ('Ana van der Berg', 'Nur binti Hassan').
PARTICLES = frozenset(
    "bin binti bint al el de da di del della der den van von la le du dos das do ibn ben ter".split()
)
# Particles that can open a surname written without the given name, capitalised ('Van der
# Linden', 'De la Cruz'); the Arabic ones ('Al', 'Bin') are left to the NER.
OPENING_PARTICLES = frozenset("van von de da di del della der den la le du dos das ter".split())
# Function words: never part of a name.
FUNCTION_WORDS = frozenset(
    "the a an and or but of in on at to for with by from as says said told "
    "when while after before if this that these those his her their its".split()
)

# Nouns for a person that a name in apposition with them is vouched by ('his widow, Ana Lima',
# 'the front-runner, Ana Lima'); kinship and standing in a contest, besides titles and roles.
PERSON_NOUNS = TITLE_HEADS | KINSHIP | frozenset(
    """
widow widower fiancee fiance partner candidate contender challenger front-runner frontrunner
nominee incumbent runner-up favourite favorite successor predecessor rival opponent
woman man girl boy person politician activist campaigner dissident lawyer doctor teacher student
farmer soldier veteran survivor victim resident
""".split()
)
