"""Speaker labels (kg.extract.forms.labels): transcripts, readouts and interviews of our own."""

from __future__ import annotations

from kg.extract import extract
from kg.model import Article, SpeechMode

TRANSCRIPT = """Remarks by President Ana Diaz and Prime Minister Tomas Lund Before Their Meeting

Palacio de Gobierno
Lima, Peru

10:02 A.M. PET

PRESIDENT DIAZ: Well, Mr. Prime Minister, welcome to Lima. We have a great deal to discuss.

Our two countries have worked together on fisheries for a decade, and we will do more.

PRIME MINISTER LUND: Thank you, Madam President. It is good to be here.

(Laughter.)

Q Madam President, will you sign the fisheries pact today?

PRESIDENT DIAZ: We will sign it when it is ready.

Q Prime Minister —

PRIME MINISTER LUND: Not today.

10:09 A.M. PET"""


def _statements(nlp, body: str, publisher: str | None = None) -> list[tuple[str, str, SpeechMode]]:
    article = Article(body=body, source="ours.txt", publisher=publisher)
    return [(s.speaker.name, s.text, s.mode) for s in extract(article, nlp).statements]


def test_each_paragraph_of_a_turn_is_a_direct_statement_of_the_labelled_speaker(nlp) -> None:
    statements = _statements(nlp, TRANSCRIPT)
    assert statements == [
        ("Ana Diaz", "Well, Mr. Prime Minister, welcome to Lima. We have a great deal to discuss.",
         SpeechMode.DIRECT),
        ("Ana Diaz", "Our two countries have worked together on fisheries for a decade, and we "
                     "will do more.", SpeechMode.DIRECT),
        ("Tomas Lund", "Thank you, Madam President. It is good to be here.", SpeechMode.DIRECT),
        ("Ana Diaz", "We will sign it when it is ready.", SpeechMode.DIRECT),
        ("Tomas Lund", "Not today.", SpeechMode.DIRECT),
    ]  # no questions, no stage direction, no time stamp


def test_a_labelled_quote_in_a_readout_is_the_quoted_words(nlp) -> None:
    body = ("Leaders agree to reopen the border\n\n"
            "President Ana Diaz of Peru and Prime Minister Tomas Lund met in Lima on Monday.\n\n"
            "President Ana Diaz: “We made real progress on the border.”\n\n"
            "The two leaders will meet again in June.")
    statements = _statements(nlp, body)
    assert ("Ana Diaz", "We made real progress on the border.", SpeechMode.DIRECT) in statements
    # one label is no transcript: the narrative paragraph after it is nobody's statement
    assert all("meet again" not in text for _, text, _ in statements)


def test_the_interviewers_turns_are_not_statements(nlp) -> None:
    body = ("The mayor who wants to rebuild every school\n\n"
            "Mayor Ana Diaz spoke to the Daily Example in her office this week.\n\n"
            "Daily Example: Will the schools reopen this year?\n\n"
            "Diaz: Every school will reopen by the autumn.\n\n"
            "Daily Example: And the hospitals?\n\n"
            "Diaz: The hospitals come next. We have the money for both.")
    statements = _statements(nlp, body, publisher="Daily Example")
    assert [(who, text) for who, text, _ in statements] == [
        ("Ana Diaz", "Every school will reopen by the autumn."),
        ("Ana Diaz", "The hospitals come next. We have the money for both."),
    ]


def test_a_label_that_names_no_person_of_the_article_is_no_statement(nlp) -> None:
    body = ("Fisheries pact signed\n\nPeru and Chile signed a fisheries pact on Monday.\n\n"
            "Background: The two countries have argued over fishing rights since 2014.")
    assert all(not text.startswith("The two countries") for _, text, _ in _statements(nlp, body))


INTERVIEW = """Ana Diaz on the drought

Ana Diaz has chaired the water authority since 2021. Diaz spoke to us at her office on Friday.

Q: How bad is it?

A: It is the worst year since records began.

Q: Will there be water for the summer?

A: There will be water to drink.

END 11:19 A.M."""


def test_answers_after_an_answer_label_are_the_interviewees_whom_the_lead_names(nlp) -> None:
    assert _statements(nlp, INTERVIEW) == [
        ("Ana Diaz", "It is the worst year since records began.", SpeechMode.DIRECT),
        ("Ana Diaz", "There will be water to drink.", SpeechMode.DIRECT)]
