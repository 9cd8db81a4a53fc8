"""Statements with their speakers (kg.extract.extract), one construction per test.

Every sentence here is made up for the test; the spaCy model is loaded once per session.
"""

from __future__ import annotations

import pytest

from kg.extract import extract, load_nlp
from kg.model import AgentKind, Article, EmbeddedPost, Span, SpeechMode


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def run(nlp, body: str, **kw) -> list[tuple[str, str, SpeechMode]]:
    ex = extract(Article(body=body, source="test", **kw), nlp)
    for s in ex.statements:
        assert body[s.span.begin : s.span.end] == s.text
    return [(s.speaker.name, s.text, s.mode) for s in ex.statements]


def texts_by(stmts, speaker: str) -> list[str]:
    return [t for name, t, _ in stmts if name == speaker]


def test_split_quote(nlp) -> None:
    body = (
        "Mayor Anna Kowalski visited the flooded district on Monday.\n\n"
        "“We will rebuild the bridge,” Kowalski said, “and we will do it before winter.”"
    )
    stmts = run(nlp, body)
    assert texts_by(stmts, "Anna Kowalski") == [
        "We will rebuild the bridge,",
        "and we will do it before winter.",
    ]
    assert all(mode is SpeechMode.DIRECT for _, _, mode in stmts)


def test_multi_paragraph_quote_attributed_at_its_end(nlp) -> None:
    body = (
        "Officials gathered in the capital on Monday.\n\n"
        "“The budget is balanced. We have cut waste across every department.\n\n"
        "“Next year we will invest in schools,” Finance Minister Rafael Ortiz said."
    )
    stmts = run(nlp, body)
    assert texts_by(stmts, "Rafael Ortiz") == [
        "The budget is balanced. We have cut waste across every department.",
        "Next year we will invest in schools,",
    ]


def test_multi_paragraph_quote_after_attribution(nlp) -> None:
    body = (
        "Finance Minister Rafael Ortiz said the plan was sound.\n\n"
        "“We have cut waste across every department.\n\n"
        "“Next year we will invest in schools and hospitals.”"
    )
    stmts = run(nlp, body)
    assert texts_by(stmts, "Rafael Ortiz") == [
        "the plan was sound",
        "We have cut waste across every department.",
        "Next year we will invest in schools and hospitals.",
    ]


def test_quote_after_colon(nlp) -> None:
    body = (
        "Speaking in Lagos, Health Minister Ngozi Adeyemi said: “Every clinic will reopen by June.”"
    )
    assert run(nlp, body) == [
        ("Ngozi Adeyemi", "Every clinic will reopen by June.", SpeechMode.DIRECT)
    ]


@pytest.mark.parametrize("open_, close", [("“", "”"), ('"', '"')])
def test_straight_and_curly_marks(nlp, open_: str, close: str) -> None:
    body = f"{open_}The harvest was the worst in a decade,{close} farmer Peter Lindqvist told reporters."
    assert run(nlp, body) == [
        ("Peter Lindqvist", "The harvest was the worst in a decade,", SpeechMode.DIRECT)
    ]


def test_headline_with_single_quotes_and_says(nlp) -> None:
    body = (
        "Budget talks will ‘collapse’ without reform, says Reyes\n\n"
        "Senator Tom Reyes warned on Tuesday that the budget talks were failing."
    )
    stmts = run(nlp, body)
    assert ("Tom Reyes", "Budget talks will ‘collapse’ without reform") in [
        (n, t) for n, t, _ in stmts
    ]
    assert ("Tom Reyes", "the budget talks were failing") in [(n, t) for n, t, _ in stmts]


def test_embedded_post_is_direct_speech_of_its_author(nlp) -> None:
    body = (
        "Opposition leader Maria Lopez reacted on social media.\n\n"
        "Today we stood together for clean water. Thank you all.\n\n"
        "— Maria Lopez (@marialopez) March 3, 2025"
    )
    begin = body.index("Today")
    post = EmbeddedPost(Span(begin, body.index("all.") + 4), "Maria Lopez", "marialopez")
    stmts = run(nlp, body, posts=(post,))
    assert stmts == [
        (
            "Maria Lopez",
            "Today we stood together for clean water. Thank you all.",
            SpeechMode.DIRECT,
        )
    ]


@pytest.mark.parametrize("that", ["that ", ""])
def test_said_with_and_without_that(nlp, that: str) -> None:
    body = f"Economy Minister Lars Holm said {that}inflation would fall next year."
    assert run(nlp, body) == [("Lars Holm", "inflation would fall next year", SpeechMode.INDIRECT)]


def test_told_reporters_with_a_clause(nlp) -> None:
    body = "General Omar Haddad told reporters the talks would resume after the holiday."
    assert run(nlp, body) == [
        ("Omar Haddad", "the talks would resume after the holiday", SpeechMode.INDIRECT)
    ]


def test_according_to(nlp) -> None:
    body = "The factory will close in March, according to union leader Beth Carter."
    assert run(nlp, body) == [
        ("Beth Carter", "The factory will close in March", SpeechMode.INDIRECT)
    ]


def test_mixed_speech_keeps_short_quotes_inside(nlp) -> None:
    """The reported clause keeps its quoted words, and the quoted words are also a direct
    statement in their own right (the dev2 convention: both readings are what was said)."""
    body = "Economy Minister Lars Holm said the reforms were “long overdue” and would pass."
    assert run(nlp, body) == [
        ("Lars Holm", "the reforms were “long overdue” and would pass", SpeechMode.MIXED),
        ("Lars Holm", "long overdue", SpeechMode.DIRECT),
    ]


def test_a_clause_made_of_a_long_quote_is_also_reported_speech(nlp) -> None:
    body = ('Health Minister Ana Costa urged all foreign citizens "to stay away from the border '
            'region until further notice".')
    assert [(t, m) for _, t, m in run(nlp, body)] == [
        ('all foreign citizens "to stay away from the border region until further notice"',
         SpeechMode.MIXED),
        ("to stay away from the border region until further notice", SpeechMode.DIRECT),
    ]


def test_a_quote_that_is_the_whole_clause_is_one_direct_statement(nlp) -> None:
    body = 'Mayor Ines Ruiz said "the bridge will reopen in spring."'
    assert run(nlp, body) == [("Ines Ruiz", "the bridge will reopen in spring.", SpeechMode.DIRECT)]


def test_pronoun_speaker(nlp) -> None:
    body = (
        "Prime Minister Elena Varga arrived in Vienna on Tuesday.\n\n"
        "She said the summit would focus on energy prices."
    )
    assert run(nlp, body) == [
        ("Elena Varga", "the summit would focus on energy prices", SpeechMode.INDIRECT)
    ]


def test_pronoun_after_a_quote_goes_to_the_last_speaker(nlp) -> None:
    body = (
        "Coach Daniel Moreau praised the team on Sunday. Striker Luis Romero scored twice.\n\n"
        "Moreau said the season was not over.\n\n"
        "“We have eight games left,” he said."
    )
    stmts = run(nlp, body)
    assert texts_by(stmts, "Daniel Moreau") == [
        "the season was not over",
        "We have eight games left,",
    ]


def test_title_reference_names_the_office_holder(nlp) -> None:
    body = (
        "German Chancellor Klaus Berger met farmers in Bavaria on Friday.\n\n"
        "Later, the German chancellor said subsidies would rise next year."
    )
    assert run(nlp, body) == [
        ("Klaus Berger", "subsidies would rise next year", SpeechMode.INDIRECT)
    ]


def test_floating_quote_belongs_to_the_previous_speaker(nlp) -> None:
    body = (
        "Trade Secretary Helen Marsh said the deal was fair to both sides.\n\n"
        "“Nobody loses under this plan. Everyone gains something.”"
    )
    stmts = run(nlp, body)
    assert texts_by(stmts, "Helen Marsh") == [
        "the deal was fair to both sides",
        "Nobody loses under this plan. Everyone gains something.",
    ]


def test_scare_quotes_are_not_statements(nlp) -> None:
    body = "The so-called “peace dividend” never arrived, and the town's mood soured."
    assert run(nlp, body) == []


def test_organisation_speaker(nlp) -> None:
    ex = extract(Article(body="The Kremlin said the talks had been useful.", source="t"), nlp)
    [st] = ex.statements
    assert (st.speaker.name, st.speaker.kind, st.text) == (
        "Kremlin",
        AgentKind.ORGANIZATION,
        "the talks had been useful",
    )


def test_unnamed_groups_are_not_speakers(nlp) -> None:
    assert run(nlp, "Critics said the plan would raise prices.") == []


def test_urged_object_and_infinitive(nlp) -> None:
    body = "Foreign Minister Amal Nasser urged both sides to return to the negotiating table."
    assert run(nlp, body) == [
        ("Amal Nasser", "both sides to return to the negotiating table", SpeechMode.INDIRECT)
    ]


def test_participle_saying_takes_the_clause_subject(nlp) -> None:
    body = (
        "Chief executive Mark Olsen rejected the offer, saying the price undervalued the "
        "company by a wide margin."
    )
    assert run(nlp, body) == [
        ("Mark Olsen", "the price undervalued the company by a wide margin", SpeechMode.INDIRECT)
    ]


def test_described_as_fragment(nlp) -> None:
    body = "Governor Rosa Delgado described the storm as “the worst in living memory”."
    assert run(nlp, body) == [("Rosa Delgado", "the worst in living memory", SpeechMode.DIRECT)]


def test_statement_offsets_and_sentence(nlp) -> None:
    body = "Intro line.\n\n“We are ready,” Polish Defence Minister Piotr Nowak said on Friday."
    ex = extract(Article(body=body, source="t"), nlp)
    [st] = ex.statements
    assert (st.span.begin, st.span.end) == (body.index("We"), body.index("ready,") + 6)
    assert st.sentence and "Piotr Nowak said" in st.sentence
    assert st.reporting_verb == "say"
    assert st.in_capacity_of is not None and st.in_capacity_of.key == "pl.minister-of-defense"


def test_inverted_said_with_apposition(nlp) -> None:
    body = "“Inflation remains stubbornly high,” said Roberto Campos, a spokesman for the bank."
    assert run(nlp, body) == [
        ("Roberto Campos", "Inflation remains stubbornly high,", SpeechMode.DIRECT)
    ]


def test_negated_and_passive_cues_are_not_statements(nlp) -> None:
    body = (
        "Finance Minister Fernando Ruiz did not say whether taxes would rise. "
        "Asked whether the budget would pass, Ruiz declined to comment."
    )
    assert run(nlp, body) == []


def test_that_clause_on_the_object_of_told(nlp) -> None:
    body = "Chief executive Jane Doe told staff in a memo that the company would offer severance."
    assert run(nlp, body) == [
        ("Jane Doe", "the company would offer severance", SpeechMode.INDIRECT)
    ]


def test_dateline_is_not_the_subject(nlp) -> None:
    body = (
        "ROME, May 18 (AP) — Italian Interior Minister Paolo Greco on Sunday urged regional "
        "leaders to prepare for floods."
    )
    assert run(nlp, body) == [
        ("Paolo Greco", "regional leaders to prepare for floods", SpeechMode.INDIRECT)
    ]


def test_adding_that_then_a_second_statement(nlp) -> None:
    body = (
        "Senator Ana Ruiz said the bill would pass this week, adding that the vote "
        "could come as early as Thursday."
    )
    assert [(n, t) for n, t, _ in run(nlp, body)] == [
        ("Ana Ruiz", "the bill would pass this week"),
        ("Ana Ruiz", "the vote could come as early as Thursday"),
    ]


def test_repeated_caption_is_one_statement(nlp) -> None:
    body = (
        "Governor Rosa Delgado told residents they ‘must leave now’\n"
        "Governor Rosa Delgado told residents they ‘must leave now’ (Reuters)\n"
        "The storm reached the coast at dawn."
    )
    assert [t for _, t, _ in run(nlp, body)] == ["must leave now"]


def test_stated_on_resolves_the_cue_weekday(nlp) -> None:
    from datetime import date

    body = (
        "Trade Secretary Helen Marsh said on Wednesday that exports rose in May. "
        "She added that imports would fall after the summit on Friday."
    )
    ex = extract(Article(body=body, source="t", published=date(2025, 6, 13)), nlp)
    assert [(s.text, s.stated_on) for s in ex.statements] == [
        ("exports rose in May", date(2025, 6, 11)),
        ("imports would fall after the summit on Friday", None),
    ]


def test_stated_on_from_a_participle_clause_on_the_cue(nlp) -> None:
    from datetime import date

    body = ("Speaking in Geneva last Thursday, Trade Secretary Helen Marsh said the plan was dead. "
            "Asked about the delay, Marsh said talks would resume.")
    ex = extract(Article(body=body, source="t", published=date(2025, 6, 13)), nlp)
    assert [(s.text, s.stated_on) for s in ex.statements] == [
        ("the plan was dead", date(2025, 6, 5)),  # last week's Thursday, published on a Friday
        ("talks would resume", None),
    ]


def test_quoted_title_opening_a_sentence_is_not_speech(nlp) -> None:
    body = (
        "Director Hana Sato said the film would open in May.\n\n"
        "“The Quiet Harbour Years” won three awards at the festival last year."
    )
    assert [t for _, t, _ in run(nlp, body)] == ["the film would open in May"]


def test_headline_naming_its_speaker_before_a_colon(nlp) -> None:
    body = ("Varga: energy prices will fall by spring\n\n"
            "Prime Minister Elena Varga spoke in Vienna on Tuesday.")
    assert run(nlp, body) == [
        ("Elena Varga", "energy prices will fall by spring", SpeechMode.INDIRECT)]


def test_quote_before_a_colon_and_its_cue(nlp) -> None:
    body = "‘We will rebuild’: Mayor Anna Kowalski vows to restore the flooded district"
    stmts = run(nlp, body)
    assert ("Anna Kowalski", "We will rebuild") in [(n, t) for n, t, _ in stmts]


def test_she_skips_a_male_last_speaker(nlp) -> None:
    body = ("Kim Min-ji, a spokeswoman for the land ministry, said the rules would take effect soon.\n\n"
            "Rep. Park Sung-ho disagreed. “This is a mistake,” he told reporters.\n\n"
            "“The rules were drafted after long consultation,” she said.")
    stmts = run(nlp, body)
    assert [n for n, _, _ in stmts] == ["Kim Min-ji", "Park Sung-ho", "Kim Min-ji"]


def test_participles_of_non_speech_senses(nlp) -> None:
    body = ("Adding to the pressure on the government, Senator Ana Ruiz wrote a memoir titled "
            "“Hard Choices” last year.")
    assert run(nlp, body) == []


def test_plural_title_is_not_one_speaker(nlp) -> None:
    body = ("Chinese President Xi Jinping met South Korean President Lee Jae Myung in Beijing. "
            "The two presidents said the talks had been productive.")
    assert run(nlp, body) == []


def test_apposed_name_the_ner_missed(nlp) -> None:
    body = "Prices will keep rising next year, the central bank governor, Ana Costa, said."
    assert run(nlp, body) == [("Ana Costa", "Prices will keep rising next year", SpeechMode.INDIRECT)]


def test_dateline_is_cut_off_the_reported_clause(nlp) -> None:
    body = ("LISBON, May 3 (Reuters) -- Prices will fall next year, Finance Minister Rui Lopes "
            "said on Monday.")
    assert run(nlp, body) == [("Rui Lopes", "Prices will fall next year", SpeechMode.INDIRECT)]


def test_two_speakers_set_against_each_other(nlp) -> None:
    body = ("Finance Minister Lars Holm said taxes would fall, while opposition leader Mette Berg "
            "said they would rise.")
    assert [(n, t) for n, t, _ in run(nlp, body)] == [
        ("Lars Holm", "taxes would fall"), ("Mette Berg", "they would rise")]


def test_an_organisation_speaker_name_has_no_punctuation_at_its_edges(nlp) -> None:
    """A name read off the parse never starts or ends with a comma or a dash (the graph needs
    one clean nkg:name per agent): every organisation speaker found here is checked."""
    body = ("The talks ended late. “We will not sign this text,” the European Commission said. "
            "“Nothing has been agreed,” Reuters reported, citing a diplomat.")
    found = extract(Article(body=body, source="t"), nlp)
    orgs = [a.name for a in found.agents if a.kind is AgentKind.ORGANIZATION]
    assert orgs, "no organisation speaker found"
    for name in orgs:
        assert name == name.strip(" ,;:-–—“”\"'"), name


def test_name_words_lose_edge_punctuation_only(nlp) -> None:
    from kg.extract.speakers import _joined

    assert _joined(list(nlp(", Dubois"))) == "Dubois"
    assert _joined(list(nlp("— Acme Holdings ,"))) == "Acme Holdings"
    assert _joined(list(nlp("Coca - Cola"))) == "Coca - Cola"  # inner marks stay


def test_agreed_to_inside_a_report_is_part_of_the_reported_clause(nlp) -> None:
    """'A and B met ... and agreed to hold "X", the ministry said': 'agreed to' is what the
    ministry reports (an action), not a second report cutting the clause short."""
    body = ('Ramos and Silva met for an hour on Monday and agreed to hold "regular consultations" '
            'on fishing quotas, the Ministry of Fisheries said.')
    clause = ('Ramos and Silva met for an hour on Monday and agreed to hold "regular '
              'consultations" on fishing quotas')
    assert [(t, m) for _, t, m in run(nlp, body)] == [
        (clause, SpeechMode.MIXED), ("regular consultations", SpeechMode.DIRECT)]


def test_clause_with_a_short_quote_among_long_ones_stays_whole(nlp) -> None:
    body = ('Senator Omar Haddad said the plan would "backfire badly" and "hand our rivals a gift '
            'they never earned."')
    clause = 'the plan would "backfire badly" and "hand our rivals a gift they never earned."'
    assert run(nlp, body) == [
        ("Omar Haddad", clause, SpeechMode.MIXED),
        ("Omar Haddad", "backfire badly", SpeechMode.DIRECT),
        ("Omar Haddad", "hand our rivals a gift they never earned.", SpeechMode.DIRECT),
    ]


def test_according_to_at_the_edge_of_a_sentence_whose_verb_the_parse_lost(nlp) -> None:
    """A hand-made parse with the main verb read as a modifier ('hosted' as amod of 'Bo')."""
    from spacy.tokens import Doc

    from kg.extract.cues import find_cues
    from kg.extract.forms import find_candidates
    from kg.extract.forms.base import Context
    from kg.extract.parse import Parsed
    from kg.model import Article

    words = "Ana hosted Bo for a dinner last week , according to Cy .".split()
    heads = [2, 2, 2, 2, 5, 3, 7, 2, 2, 2, 9, 10, 2]
    deps = ("compound amod ROOT prep det pobj amod npadvmod punct prep prep pobj punct").split()
    pos = "PROPN VERB PROPN ADP DET NOUN ADJ NOUN PUNCT VERB ADP PROPN PUNCT".split()
    spaces = [nxt not in (",", ".") for nxt in words[1:]] + [False]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos)
    parsed = Parsed(doc.text, [(0, len(doc.text))], [doc])
    ctx = Context(parsed, (), find_cues(parsed, []), Article(body=doc.text, source="t"), None)
    [cand] = find_candidates(ctx)
    assert (doc.text[cand.begin : cand.end], cand.speaker.phrase.text) == (
        "Ana hosted Bo for a dinner last week", "Cy")


def test_warned_against_reports_the_prepositional_phrase(nlp) -> None:
    body = ('Defence Minister Petra Lund said the drills would go ahead but warned against '
            '“reckless” moves that could provoke the neighbours.\n\n'
            '“We will not be intimidated,” said Ms Lund.')
    stmts = run(nlp, body)
    assert ("Petra Lund", "against “reckless” moves that could provoke the neighbours",
            SpeechMode.MIXED) in stmts
    assert ("Petra Lund", "reckless", SpeechMode.DIRECT) in stmts  # the quoted word, too


def test_urging_an_object(nlp) -> None:
    body = ('Foreign Minister Tomas Berg met the envoy on Friday, urging "a swift and lasting" '
            'truce, according to a ministry readout.')
    assert [(n, t) for n, t, _ in run(nlp, body)] == [("Tomas Berg", "a swift and lasting")]


def test_described_quote_with_its_full_stop_inside_the_marks(nlp) -> None:
    body = ('"Our two countries have never been closer," Minister Ilse Vogel said, calling the '
            'visit a "turning point." Later the delegation toured the port.')
    assert ("Ilse Vogel", "turning point.") in [(n, t) for n, t, _ in run(nlp, body)]


def test_run_on_quote_after_an_attribution_in_its_paragraph_keeps_that_cue(nlp) -> None:
    """'"A," X told R. "B ...' (left open) then '"C," she said.': B continues X's statement to R."""
    body = ("“The harvest is lost,” farmer Rosa Iglesias told local radio. “Nobody has offered "
            "any help so far.\n\n“We will plant again in spring,” she said.")
    ex = extract(Article(body=body, source="test"), nlp)
    verbs = {s.text: s.reporting_verb for s in ex.statements}
    assert verbs["Nobody has offered any help so far."] == "tell"


def test_label_quote_before_a_colon_is_not_the_report_of_a_cue_with_its_own_content(nlp) -> None:
    body = ("‘No more delays’: Mayor Ines Roth demands the contractor finish the bridge by June\n\n"
            "Mayor Ines Roth toured the site on Monday.")
    assert all(t != "No more delays" for _, t, _ in run(nlp, body))


def test_headline_quote_before_a_colon_and_its_speaker(nlp) -> None:
    body = ("‘We will not retreat an inch’: Defence Minister Ana Lopes vows\n\n"
            "Defence Minister Ana Lopes visited the front on Monday.")
    assert ("Ana Lopes", "We will not retreat an inch") in [(n, t) for n, t, _ in run(nlp, body)]


def test_a_phrasal_verb_of_answering_is_a_cue(nlp) -> None:
    got = run(nlp, "Senator Ana Ruiz hit back that the tax would hurt small farms.")
    assert texts_by(got, "Ana Ruiz") == ["the tax would hurt small farms"]
