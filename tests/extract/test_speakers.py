"""Who said it (kg.extract.speakers through kg.extract.extract): pronouns after quotes, subjects
whose name the parse hangs low, organisation names as printed.

Every sentence here is made up for the test; the spaCy model is loaded once per session.
"""

from __future__ import annotations

import pytest

from kg.extract import extract, load_nlp
from kg.model import AgentKind, Article


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def speakers(nlp, body: str) -> list[tuple[str, str]]:
    ex = extract(Article(body=body, source="test"), nlp)
    return [(s.speaker.name, s.text) for s in ex.statements]


def test_pronoun_after_a_quote_of_several_sentences_looks_before_the_quote(nlp) -> None:
    """'"A. B," she said': the sentence before the pronoun is the quote's own first sentence;
    the antecedent is the subject of the sentence before the quote, not the last speaker."""
    body = (
        "Senator Laura Benning urged the cabinet to delay the vote.\n\n"
        "Housing Minister Olga Petrenko, who drafted the bill, answered her critics in parliament.\n\n"
        "“This bill is modest. No tenant will lose a home because of it,” she said."
    )
    assert ("Olga Petrenko", "This bill is modest. No tenant will lose a home because of it,") in (
        speakers(nlp, body)
    )


def test_pronoun_antecedent_named_in_an_apposition_to_the_subject(nlp) -> None:
    body = (
        "Mayor Carla Mendez said the budget was fair.\n\n"
        "The chief of the regional audit office, Dutch economist Femke Jansen, visited the city "
        "hall on Monday. She told reporters that the accounts were in order."
    )
    assert ("Femke Jansen", "the accounts were in order") in speakers(nlp, body)


@pytest.mark.parametrize(
    "subject",
    [
        "The special envoy for the Sahel, Ibrahim Keita,",
        "UN Special Envoy for Lebanon Ibrahim Keita",
    ],
)
def test_title_subject_whose_name_the_parse_hangs_lower(nlp, subject: str) -> None:
    body = f"{subject} said the border crossings would reopen within a week."
    assert speakers(nlp, body) == [
        ("Ibrahim Keita", "the border crossings would reopen within a week")
    ]


def test_a_name_governed_by_a_preposition_is_not_the_speaker(nlp) -> None:
    """'the lawyer for X said': the lawyer spoke, not X."""
    body = (
        "Businessman Pavel Orlov was arrested on Monday.\n\n"
        "The attorney for Pavel Orlov said the charges were baseless."
    )
    assert ("Pavel Orlov", "the charges were baseless") not in speakers(nlp, body)


def test_organisation_name_keeps_its_printed_spacing(nlp) -> None:
    body = ("The Ministry of Agriculture, Forestry and Fisheries said in a statement that grain "
            "exports would resume.")
    ex = extract(Article(body=body, source="t"), nlp)
    orgs = [a.name for a in ex.agents if a.kind is AgentKind.ORGANIZATION]
    assert all(" ," not in name for name in orgs), orgs


def test_pronoun_in_a_clause_after_an_apposed_subject(nlp) -> None:
    """'The aid chief, X, toured ..., where she said ...': X is the subject of her sentence."""
    body = (
        "Health Minister Grace Obi said the outbreak was contained.\n\n"
        "The UN's refugee chief, Marta Lind, toured the camps in Chad, where she said that more "
        "than 20,000 people had arrived since May."
    )
    assert ("Marta Lind", "more than 20,000 people had arrived since May") in speakers(nlp, body)


def test_possessive_title_is_the_next_speaker_holding_a_title_of_that_kind(nlp) -> None:
    """'..., her chief spokesman said' then 'X, the government spokesman, ...': X said it."""
    body = (
        "Prime Minister Anna Kovac will visit Tokyo next month, her chief spokesman said Monday.\n\n"
        "Luka Horvat, the government spokesman, spoke at a briefing in Zagreb. “The visit will "
        "deepen our trade ties,” Horvat said."
    )
    assert ("Luka Horvat", "Prime Minister Anna Kovac will visit Tokyo next month") in (
        speakers(nlp, body)
    )


def test_a_bare_title_is_the_untitled_subject_when_every_holder_named_is_qualified(nlp) -> None:
    from tests.extract.test_statements import run

    body = ("Ana Diaz is on her way to Ottawa, the first trip by a Valdorian leader in years. Diaz "
            "will meet business leaders there. Canadian Prime Minister Mark Colby visited Valdoria "
            "last year, Diaz noted. The prime minister believes the trip will open new markets.")
    assert ("Ana Diaz", "the trip will open new markets") in [(w, t) for w, t, _ in run(nlp, body)]


def test_a_bare_title_is_its_holder_when_that_holder_was_printed_bare(nlp) -> None:
    from tests.extract.test_statements import run

    body = ("Prime Minister Ana Diaz flew to Ottawa on Monday. Diaz met Tomas Lund, a trade "
            "envoy, and Lund's deputy. Lund spoke to Diaz twice. The prime minister said the "
            "trip would open new markets.")
    assert ("Ana Diaz", "the trip would open new markets") in [(w, t) for w, t, _ in run(nlp, body)]
