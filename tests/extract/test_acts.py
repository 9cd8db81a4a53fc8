"""Descriptive, contested and infinitive speech acts (kg.extract.cues): the content is named by the
act's complement. Sentences of our own."""

from __future__ import annotations

import pytest

from kg.model import SpeechMode
from tests.extract.test_statements import run


@pytest.mark.parametrize(("body", "speaker", "content"), [
    ("Opposition leader Ana Diaz pledged to lift the ban on fishing within a year.",
     "Ana Diaz", "to lift the ban on fishing within a year"),
    ("Mayor Tomas Lund threatened to close the port if the strike went on.",
     "Tomas Lund", "to close the port if the strike went on"),
    ("Opposition leader Ana Diaz accused the regulator of stalling the inquiry.",
     "Ana Diaz", "the regulator of stalling the inquiry"),
    ("Finance Minister Tomas Lund dismissed the figures as invented.",
     "Tomas Lund", "the figures as invented"),
    ("Senator Ana Diaz described the decision as unlawful and unjust.",
     "Ana Diaz", "the decision as unlawful and unjust"),
    ("Chancellor Olaf Berg called for the audit law to be scrapped.",
     "Olaf Berg", "the audit law to be scrapped"),
    ("Senator Ana Diaz called on voters to reject the plan.", "Ana Diaz", "voters to reject the plan"),
    ("Senator Ana Diaz has advocated halting military aid to the region.",
     "Ana Diaz", "halting military aid to the region"),
    ("Mayor Tomas Lund has repeatedly pressured the governor to scale back the dam project.",
     "Tomas Lund", "the governor to scale back the dam project"),
    ("Mayor Tomas Lund urged the council to fast-track the budget.",
     "Tomas Lund", "the council to fast-track the budget"),
    ("Senator Ana Diaz asked for the location of the hearing to be changed to Quito.",
     "Ana Diaz", "the location of the hearing to be changed to Quito"),
])
def test_the_complement_of_a_speech_act_is_its_content(nlp, body, speaker, content) -> None:
    assert (speaker, content, SpeechMode.INDIRECT) in run(nlp, body)


def test_an_infinitive_of_action_is_no_speech(nlp) -> None:
    body = "Foreign Minister Ana Diaz and her counterpart agreed to meet again in June."
    assert run(nlp, body) == []


def test_a_quoted_description_stays_the_describing_forms_direct_fragment(nlp) -> None:
    body = "Senator Ana Diaz described the envoy as “a close and trusted friend of this country.”"
    stmts = run(nlp, body)
    assert ("Ana Diaz", "a close and trusted friend of this country.", SpeechMode.DIRECT) in stmts


@pytest.mark.parametrize(("body", "speaker"), [
    ("Valdoria's foreign ministry said the talks would resume in March.", "Valdoria's foreign ministry"),
    ("The Chilean embassy in Lima said the talks would resume in March.", "Chilean embassy in Lima"),
])
def test_a_body_a_country_scopes_speaks_for_itself(nlp, body, speaker) -> None:
    assert [(who, text) for who, text, _ in run(nlp, body)] == [
        (speaker, "the talks would resume in March")]


def test_a_body_no_country_or_organisation_scopes_is_nobody_in_particular(nlp) -> None:
    assert run(nlp, "The ministry said the talks would resume in March.") == []


@pytest.mark.parametrize(("body", "speaker", "sentence"), [
    (("Agriculture Minister Tomas Lund visited the region on Monday. Farmers will suffer most, he "
     "said, since the rains came late."), "Tomas Lund",
     "Farmers will suffer most, he said, since the rains came late"),
    ("The new rules, Finance Minister Tomas Lund told reporters, will take effect in June.",
     "Tomas Lund", "The new rules, Finance Minister Tomas Lund told reporters, will take effect in June"),
])
def test_a_parenthetical_attribution_makes_the_whole_sentence_the_statement(nlp, body, speaker,
                                                                           sentence) -> None:
    assert (speaker, sentence, SpeechMode.INDIRECT) in run(nlp, body)


def test_a_split_quote_and_an_opening_attribution_are_not_parenthetical(nlp) -> None:
    split = "“The damage,” Economy Minister Anna Virtanen argued, “would last for years.”"
    assert all(mode is SpeechMode.DIRECT for _, _, mode in run(nlp, split))
    opening = "Finance Minister Tomas Lund said, however, that the rules would change."
    assert [t for _, t, _ in run(nlp, opening)] == ["the rules would change"]



@pytest.mark.parametrize(("body", "speakers", "content"), [
    ("President Ana Diaz and Chancellor Olaf Berg said the talks would resume in March.",
     ["Ana Diaz", "Olaf Berg"], "the talks would resume in March"),
    ("Valdoria and Norland have accused the regulator of stalling the inquiry.",
     ["Norland", "Valdoria"], "the regulator of stalling the inquiry"),
])
def test_each_speaker_of_a_coordinated_subject_makes_the_statement(nlp, body, speakers, content) -> None:
    stmts = run(nlp, body)
    assert sorted(who for who, text, _ in stmts if text == content) == speakers


def test_an_unnamed_conjunct_adds_no_speaker(nlp) -> None:
    body = "Foreign Minister Ana Diaz and her deputy said the talks would resume."
    assert [who for who, _, _ in run(nlp, body)] == ["Ana Diaz"]


@pytest.mark.parametrize(("body", "speaker", "content"), [
    ("A spokesperson for the Valdorian government told reporters the sanctions were enforced.",
     "Valdorian government", "the sanctions were enforced"),
    ("An Acme spokesman said the company would appeal.", "Acme", "the company would appeal"),
    ("Officials of the Valdorian government said the talks had stalled.", "Valdorian government",
     "the talks had stalled"),
    ("Downing Street has argued the visit is important.", "Downing Street", "the visit is important"),
    ("At least 50 people were killed, according to figures released by the National Commission on "
     "Human Rights.", "National Commission on Human Rights", "At least 50 people were killed"),
    ("The deal collapsed, according to a statement from the Valdorian foreign ministry.",
     "Valdorian foreign ministry", "The deal collapsed"),
])
def test_a_named_body_speaks_through_its_representatives_documents_and_seat(nlp, body, speaker,
                                                                            content) -> None:
    assert [(who, text) for who, text, _ in run(nlp, body)] == [(speaker, content)]


@pytest.mark.parametrize("body", ["An official said the talks had stalled.",
                                  "Officials said the talks had stalled.",
                                  "A spokesperson said the talks had stalled."])
def test_a_representative_of_no_named_body_is_nobody(nlp, body) -> None:
    assert run(nlp, body) == []


def test_it_after_an_organisation_is_that_organisation(nlp) -> None:
    body = ('The Valdorian Foreign Ministry said the measures were necessary. "These measures are '
            'necessary to weaken the regime," it added.')
    assert {who for who, _, _ in run(nlp, body)} == {"Valdorian Foreign Ministry"}


def test_it_with_no_organisation_speaking_before_is_nobody(nlp) -> None:
    body = ('Foreign Minister Ana Diaz said the measures were necessary. "The port will reopen," '
            'it added.')
    assert [who for who, _, _ in run(nlp, body)] == ["Ana Diaz"]


def test_a_report_that_names_its_speaker_is_that_speakers_not_the_sources(nlp) -> None:
    body = ("Foreign Minister Ana Diaz told Tomas Lund that the country was prepared for talks, "
            "according to a statement from the foreign ministry.")
    assert [(who, text) for who, text, _ in run(nlp, body)] == [
        ("Ana Diaz", "the country was prepared for talks")]


@pytest.mark.parametrize(("body", "expected"), [
    ("Professor Ana Diaz believes the delegation has arrived with a strong proposal.",
     [("Ana Diaz", "the delegation has arrived with a strong proposal")]),
    ("Mayor Tomas Lund hopes the port will reopen by the summer.",
     [("Tomas Lund", "the port will reopen by the summer")]),
    ("Mayor Tomas Lund hopes to visit the port in June.", []),
    ("Other officials believed the mayor would resign.", []),
])
def test_a_named_persons_stated_belief_or_hope_is_a_statement(nlp, body, expected) -> None:
    assert [(who, text) for who, text, _ in run(nlp, body)] == expected


@pytest.mark.parametrize(("body", "speaker"), [
    ("The appeal came from Finland’s Foreign Affairs Ministry on Friday. The Foreign Affairs "
     "Ministry said the measures were necessary.", "Finland’s Foreign Affairs Ministry"),
    ("Officials at the US State Department met on Monday. The State Department said the arrest "
     "was unlawful.", "US State Department"),
    ("The State Department said the arrest was unlawful.", "State Department"),
])
def test_a_body_is_named_with_the_country_the_article_scopes_it_by(nlp, body, speaker) -> None:
    assert {who for who, _, _ in run(nlp, body)} == {speaker}


def test_a_speech_verb_tagged_as_a_noun_still_reports_its_clause(nlp) -> None:
    body = "Ostrava has denied supplying weaponry and maintains it keeps strict controls on such goods."
    assert ("Ostrava", "it keeps strict controls on such goods") in [
        (w, t) for w, t, _ in run(nlp, body)]


def test_a_trailing_threat_is_a_statement_of_its_own(nlp) -> None:
    body = "Iran has vowed to respond to an attack with force, threatening to strike military assets."
    assert sorted((w, t) for w, t, _ in run(nlp, body)) == [
        ("Iran", "to respond to an attack with force"), ("Iran", "to strike military assets")]


def test_the_company_after_an_organisation_spoke_is_that_organisation(nlp) -> None:
    body = ('The Acme Corporation said the campaign was under review. "We are revising the '
            'campaign," the company added.')
    assert {w for w, _, _ in run(nlp, body)} == {"Acme Corporation"}


def test_a_bare_company_with_no_organisation_speaking_before_is_nobody(nlp) -> None:
    assert run(nlp, "The company said the campaign was under review.") == []


def test_a_spokesperson_speaks_for_a_name_that_is_no_person(nlp) -> None:
    body = '"We apologise for any distress caused," a spokesperson for Vantorix said on Friday.'
    assert [(w, t) for w, t, _ in run(nlp, body)] == [
        ("Vantorix", "We apologise for any distress caused,")]


def test_a_definite_description_is_whom_the_sentence_before_is_about(nlp) -> None:
    body = ("Prime Minister Ana Diaz of Valdoria met business leaders on Monday. The conservative "
            "leader has pledged to increase defence spending.")
    assert [(w, t) for w, t, _ in run(nlp, body)] == [("Ana Diaz", "to increase defence spending")]


@pytest.mark.parametrize(("body", "speaker"), [
    ("Norway's foreign ministry said the talks would resume. A statement by Norway's Ministry of "
     "Foreign Affairs later said the delegation had left.", "Norway's Ministry of Foreign Affairs"),
    ("The Ministry of Defence announced the drill on Monday. Peru's defence ministry said the drill "
     "would last a week.", "Peru's Ministry of Defence"),
    ("Norway's foreign ministry said the talks would resume. The Ministry of Health said the "
     "clinics were open.", "Norway's foreign ministry"),
])
def test_a_ministry_named_by_its_field_takes_the_formal_name_the_article_prints(
        nlp, body, speaker) -> None:
    assert speaker in {who for who, _, _ in run(nlp, body)}


def test_pressing_ahead_is_no_speech(nlp) -> None:
    assert run(nlp, "Mayor Tomas Lund pressed ahead with the dam project.") == []


@pytest.mark.parametrize(("body", "content"), [
    ("Senator Ana Diaz insisted that the province was facing a “crisis” - a claim her rivals "
     "reject.", "the province was facing a “crisis”"),
    ("Senator Ana Diaz said a deal on taxes was imminent – a promise she has made before.",
     "a deal on taxes was imminent"),
    ("Senator Ana Diaz said the plan would fail – which her rivals deny.", "the plan would fail"),
    ("Senator Ana Diaz said the money – the largest sum ever – would go to schools.",
     "the money – the largest sum ever – would go to schools"),
])
def test_the_writers_remark_after_a_lone_dash_is_not_the_report(nlp, body, content) -> None:
    assert content in [text for who, text, mode in run(nlp, body) if mode is not SpeechMode.DIRECT]


def test_a_name_the_ner_missed_speaks_as_the_subject_of_a_reporting_verb(nlp) -> None:
    assert ("Ana Ruiz", "the plan was bad", SpeechMode.INDIRECT) in run(
        nlp, "Ana Ruiz said the plan was bad.")


@pytest.mark.parametrize(("body", "speaker", "content"), [
    ("Opposition leader Ana Diaz raised the alarm that her office had been surrounded by police.",
     "Ana Diaz", "her office had been surrounded by police"),
    ("Finance Minister Tomas Lund made the point that exports had doubled since March.",
     "Tomas Lund", "exports had doubled since March"),
    ("Finance Minister Tomas Lund gave assurances that the pension fund was safe.",
     "Tomas Lund", "the pension fund was safe"),
])
def test_a_speech_noun_with_its_that_clause_reports_it(nlp, body, speaker, content) -> None:
    assert (speaker, content, SpeechMode.INDIRECT) in run(nlp, body)


def test_a_decision_that_is_no_speech(nlp) -> None:
    assert run(nlp, "Finance Minister Tomas Lund made a decision that surprised everyone.") == []


@pytest.mark.parametrize(("body", "speaker", "content"), [
    ("Prime Minister Ana Diaz criticized the protesters as “paid agitators” and left the hall.",
     "Ana Diaz", "paid agitators"),
    ("On Tuesday, Senator Ana Diaz declined to retract her remarks, which she defended as "
     "\"consistent with the party line\".", "Ana Diaz", "consistent with the party line"),
])
def test_a_quoted_judgement_after_as_is_the_direct_words(nlp, body, speaker, content) -> None:
    assert run(nlp, body) == [(speaker, content, SpeechMode.DIRECT)]


def test_a_newsrooms_request_for_comment_is_no_statement(nlp) -> None:
    body = ("Senator Ana Diaz said the vote would be held in May. Reuters has asked the Finance "
            "Ministry for a response to the report.")
    assert run(nlp, body) == [("Ana Diaz", "the vote would be held in May", SpeechMode.INDIRECT)]


def test_he_after_a_persons_approach_is_that_person_not_the_last_speaker(nlp) -> None:
    body = ("Senator Mara Lind said the bill would fail.\n\nGovernor Tom Berg’s approach has been "
            "different – he has repeatedly responded by saying that the bill is fair.")
    assert run(nlp, body) == [("Mara Lind", "the bill would fail", SpeechMode.INDIRECT),
                              ("Tom Berg", "the bill is fair", SpeechMode.INDIRECT)]


@pytest.mark.parametrize(("body", "expected"), [
    ("Senator Ana Diaz said that the bill would fail, and that the governor should resign.",
     ["the bill would fail, and that the governor should resign"]),
    ("Senator Ana Diaz said that the bill would fail, and that the governor was “out of touch”.",
     ["the bill would fail", "the governor was “out of touch”", "out of touch"]),
])
def test_and_that_splits_a_report_only_before_words_quoted_anew(nlp, body, expected) -> None:
    assert [text for _, text, _ in run(nlp, body)] == expected


@pytest.mark.parametrize(("body", "speaker", "content"), [
    ("The row was set off by Prime Minister Ana Diaz’s suggestion that the navy could respond if "
     "the island were attacked.", "Ana Diaz", "the navy could respond if the island were attacked"),
    ("Prime Minister Ana Diaz spoke in parliament on Monday. Her suggestion that the navy could "
     "respond angered the neighbours.", "Ana Diaz", "the navy could respond"),
])
def test_an_owned_noun_of_saying_reports_its_that_clause(nlp, body, speaker, content) -> None:
    assert (speaker, content, SpeechMode.INDIRECT) in run(nlp, body)


def test_an_owned_decision_is_no_speech(nlp) -> None:
    assert run(nlp, "Governor Tom Berg’s decision that the plant must close shocked workers.") == []


@pytest.mark.parametrize(("body", "speaker", "content"), [
    ("The Elysee points out that President Ana Diaz has been to Beijing twice this year.",
     "Elysee", "President Ana Diaz has been to Beijing twice this year"),
    ("There are concerns about spying, with the head of Interpol recently warning that criminal "
     "networks posed a daily threat.", "Interpol", "criminal networks posed a daily threat"),
    ("The strikes killed many people – now more than 3,000 in total, according to the Ministry of "
     "Health.", "Ministry of Health", "now more than 3,000 in total"),
    ("Senator Tom Berg said the talks had stalled, suggesting a deal was far off.",
     "Tom Berg", "the talks had stalled"),
])
def test_who_and_what_of_less_common_attributions(nlp, body, speaker, content) -> None:
    assert run(nlp, body) == [(speaker, content, SpeechMode.INDIRECT)]


def test_an_acronym_speaks_as_the_organisation_it_abbreviates(nlp) -> None:
    body = ("The Zurich Bankers Federation criticised the plan. A ZBF spokesperson said the plan "
            "“has nothing to do with banking,” without giving details.")
    assert run(nlp, body) == [
        ("Zurich Bankers Federation", "the plan “has nothing to do with banking,”", SpeechMode.MIXED),
        ("Zurich Bankers Federation", "has nothing to do with banking,", SpeechMode.DIRECT)]


def test_the_writers_gloss_after_a_posted_quote_is_not_the_post(nlp) -> None:
    body = ("In October, the singer Mara Lind wrote in a statement posted to Instagram: “My heart is "
            "bleeding with pain from what I am seeing,” referencing the victims.")
    assert run(nlp, body) == [
        ("Mara Lind", "My heart is bleeding with pain from what I am seeing,", SpeechMode.DIRECT)]


@pytest.mark.parametrize("body", [
    "Senator Ana Diaz called for an immediate and unconditional ceasefire.",
    "Chancellor Tom Berg has called for reduced bureaucracy in the union.",
    "Polls show fewer Valdorians believe the alliance is reliable.",
    "Press Secretary Mara Lind declined on Monday to provide any details - or even publicly "
    "acknowledge that the visit is taking place.",
])
def test_no_statement_without_a_clause_or_a_speaker_who_said_it(nlp, body) -> None:
    assert run(nlp, body) == []


def test_a_quoted_call_for_is_a_direct_fragment(nlp) -> None:
    assert run(nlp, "Senator Ana Diaz called for “patience and dialogue”.") == [
        ("Ana Diaz", "patience and dialogue", SpeechMode.DIRECT)]


def test_saying_after_declining_is_still_said(nlp) -> None:
    assert run(nlp, "Senator Tom Berg declined to comment and said the talks were continuing.") == [
        ("Tom Berg", "the talks were continuing", SpeechMode.INDIRECT)]


def test_the_addressee_after_a_quote_is_no_second_report(nlp) -> None:
    body = ("\"We must clearly go much faster, and other rules have to be put out of the table,\" "
            "Ana Diaz told business executives gathered for a summit.")
    assert run(nlp, body) == [("Ana Diaz", "We must clearly go much faster, and other rules have "
                               "to be put out of the table,", SpeechMode.DIRECT)]


def test_a_quote_closing_the_sentence_belongs_to_the_clause_before_it(nlp) -> None:
    body = ("Mr Tom Berg also made the point that Valdoria would not be heading into the meeting "
            "\"with a begging bowl\".")
    assert run(nlp, body) == [
        ("Tom Berg", "Valdoria would not be heading into the meeting \"with a begging bowl\"",
         SpeechMode.MIXED),
        ("Tom Berg", "with a begging bowl", SpeechMode.DIRECT)]


@pytest.mark.parametrize(("body", "echo"), [
    ("The two have been at odds, with President Tom Berg repeatedly insisting that the farmers are "
     "facing a \"genocide\" - a claim amplified by his adviser Mara Lind, the billionaire.",
     ("Mara Lind", "the farmers are facing a \"genocide\"", SpeechMode.MIXED)),
    ("President Tom Berg spoke on Monday. He again doubled down on his claims that farmers were "
     "being \"killed\" - which has been repeatedly denied by the Valdorian government.",
     ("Valdorian government", "farmers were being \"killed\"", SpeechMode.MIXED)),
])
def test_a_claim_the_writer_credits_to_another_after_a_dash_is_theirs_too(nlp, body, echo) -> None:
    stmts = run(nlp, body)
    assert ("Tom Berg", echo[1], echo[2]) in stmts
    assert echo in stmts


def test_a_speaker_the_parse_hung_as_an_apposition_before_the_verb(nlp) -> None:
    body = ("In its place, President Ana Diaz will travel to Lima on April 2 for talks with Prime "
            "Minister Tomas Lund, her spokesman, Daniel Ferro, told a news conference.")
    assert run(nlp, body) == [("Daniel Ferro", "In its place, President Ana Diaz will travel to Lima "
                               "on April 2 for talks with Prime Minister Tomas Lund",
                               SpeechMode.INDIRECT)]


def test_a_dateline_with_a_hyphen_is_not_part_of_the_report(nlp) -> None:
    body = ("LIMA - The summit that was to be held on May 14 has been cancelled, the Peruvian "
            "government said on Thursday.")
    assert run(nlp, body) == [("Peruvian government",
                               "The summit that was to be held on May 14 has been cancelled",
                               SpeechMode.INDIRECT)]


def test_a_name_the_article_tags_as_a_body_elsewhere_speaks_as_that_body(nlp) -> None:
    body = ("Coupang said it had identified a former employee. Lawmakers criticized the probe, "
            "while Coupang argued that the government ordered the probe.")
    assert [(who, text) for who, text, _ in run(nlp, body)] == [
        ("Coupang", "it had identified a former employee"),
        ("Coupang", "the government ordered the probe")]


def test_a_seats_readout_is_the_seats_and_the_writers_remark_is_cut(nlp) -> None:
    body = ("Notably, according to a White House readout, that lunch was \"rice and beef, made with "
            "local ingredients\" - a move that will have delighted the senator, who has long "
            "demanded that the country buy rice.")
    assert run(nlp, body) == [
        ("White House", "lunch was \"rice and beef, made with local ingredients\"", SpeechMode.MIXED),
        ("White House", "rice and beef, made with local ingredients", SpeechMode.DIRECT)]


def test_a_quotation_that_opens_with_the_reporting_verb_is_the_sources_and_the_subjects(nlp) -> None:
    body = ("Minister Tom Berg “called on the island administration to take measures to prevent "
            "smuggling,” according to a statement from the Foreign Ministry.")
    stmts = run(nlp, body)
    assert ("Tom Berg", "the island administration to take measures to prevent smuggling",
            SpeechMode.INDIRECT) in stmts
    assert ("Foreign Ministry", "called on the island administration to take measures to prevent "
            "smuggling,", SpeechMode.DIRECT) in stmts


@pytest.mark.parametrize(("body", "expected"), [
    ("Senator Ana Diaz called for measures to curb smuggling.",
     [("Ana Diaz", "measures to curb smuggling", SpeechMode.INDIRECT)]),
    ("Senator Tom Berg called for another inquiry, in which a judge confirmed that the police were "
     "responsible.", []),
    ("Foreign Minister Wang Tao told his counterpart that, “although the time is not yet ripe,” "
     "talks were possible.",
     [("Wang Tao", "“although the time is not yet ripe,” talks were possible", SpeechMode.MIXED),
      ("Wang Tao", "although the time is not yet ripe,", SpeechMode.DIRECT)]),
])
def test_what_a_call_or_a_that_clause_holds(nlp, body, expected) -> None:
    assert run(nlp, body) == expected


def test_a_parenthetical_reporter_with_an_added_clause_reports_the_clause_before(nlp) -> None:
    body = ("Only a win for his party would ensure “peace” in the country, President Tom Berg said, "
            "adding that he expects “irreversible results” in his favor.")
    assert run(nlp, body) == [
        ("Tom Berg", "Only a win for his party would ensure “peace” in the country", SpeechMode.MIXED),
        ("Tom Berg", "peace", SpeechMode.DIRECT),
        ("Tom Berg", "he expects “irreversible results” in his favor", SpeechMode.MIXED),
        ("Tom Berg", "irreversible results", SpeechMode.DIRECT)]


def test_praise_for_quoted_words_reports_them(nlp) -> None:
    body = "Prime Minister Ana Diaz praised the president for his “heartfelt support” for the country."
    assert ("Ana Diaz", "heartfelt support", SpeechMode.DIRECT) in run(nlp, body)


def test_it_after_a_document_a_body_released_is_that_body(nlp) -> None:
    body = ("This was referenced in a statement released by the Valdorian Ministry of Foreign Affairs "
            "on Thursday when it said that \"should Norland fail to learn from history, it will pay "
            "a bitter price\".")
    assert run(nlp, body) == [("Valdorian Ministry of Foreign Affairs", "should Norland fail to learn "
                               "from history, it will pay a bitter price", SpeechMode.DIRECT)]


def test_a_definite_description_after_a_subject_naming_a_person_inside_it(nlp) -> None:
    body = ("But the recent ascension of Ana Diaz, a protégé of the late leader, suggests more "
            "tensions may lie ahead. The conservative leader is pursuing closer ties with the US and "
            "has pledged to increase defence spending - raising some alarm in the capital.")
    assert run(nlp, body) == [("Ana Diaz", "to increase defence spending", SpeechMode.INDIRECT)]


def test_a_trailing_attribution_the_parse_conjoined_reports_the_clause_before(nlp) -> None:
    body = ("Valdoria's ambassador explained that their position on the island \"has not changed\" "
            "and refuted Norland's remarks, Chief Cabinet Secretary Tom Berg told reporters on Friday.")
    assert run(nlp, body)[0] == (
        "Tom Berg", "Valdoria's ambassador explained that their position on the island \"has not "
        "changed\" and refuted Norland's remarks", SpeechMode.MIXED)
    coordinated = "Senator Ana Diaz visited the port, and Mayor Tom Berg told reporters about the plan."
    assert run(nlp, coordinated) == []


def test_a_joint_statement_speaks_for_the_body_that_released_it(nlp) -> None:
    body = ("Costa Rica, Ecuador and Panama meanwhile called on the authorities to guarantee that "
            "elections are “free and fair,” in a joint statement released Wednesday by the Alliance "
            "for Democracy.")
    assert run(nlp, body) == [
        ("Alliance for Democracy", "the authorities to guarantee that elections are “free and fair,”",
         SpeechMode.MIXED),
        ("Alliance for Democracy", "free and fair,", SpeechMode.DIRECT)]


def test_praising_what_someone_called_something_is_the_describing_forms(nlp) -> None:
    body = "Prime Minister Ana Diaz praised what she called the \"greatest alliance in the world\"."
    assert run(nlp, body) == [("Ana Diaz", "greatest alliance in the world", SpeechMode.DIRECT)]


def test_it_after_a_person_reported_inside_a_bodys_quotation_is_the_body(nlp) -> None:
    body = ("Minister Tom Berg “called on the island administration to act,” according to a "
            "statement from the Foreign Ministry.\n\n“These measures are necessary,” it added.")
    assert ("Foreign Ministry", "These measures are necessary,", SpeechMode.DIRECT) in run(nlp, body)


def test_the_leaders_of_two_countries_are_the_two_persons_who_lead_them(nlp) -> None:
    body = ("The leaders of France and Germany have called on the European Union to scrap its new "
            "audit law.\n\nFrench President Ana Diaz said on Monday the law should go.\n\n"
            "Germany's Tom Berg called for the law to be scrapped.")
    assert run(nlp, body) == [
        ("Ana Diaz", "the European Union to scrap its new audit law", SpeechMode.INDIRECT),
        ("Tom Berg", "the European Union to scrap its new audit law", SpeechMode.INDIRECT),
        ("Ana Diaz", "the law should go", SpeechMode.INDIRECT),
        ("Tom Berg", "the law to be scrapped", SpeechMode.INDIRECT)]


@pytest.mark.parametrize(("body", "quoted"), [
    ("Delegates stormed out as Prime Minister Tom Berg lambasted nations for ‘caving’ to the rebels.",
     "caving"),
    ("Shortly before, Prime Minister Tom Berg railed against nations that have “waged a political "
     "and legal war” against his country.", "waged a political and legal war"),
])
def test_contested_acts_report_their_quoted_words(nlp, body, quoted) -> None:
    assert ("Tom Berg", quoted, SpeechMode.DIRECT) in run(nlp, body)


def test_a_list_of_acts_gives_each_its_own_content(nlp) -> None:
    body = ("President Tom Berg has described the strikes as “over the top,” threatened to withhold "
            "some new arms transfers and repeatedly pressured the general to scale back.")
    assert run(nlp, body) == [
        ("Tom Berg", "over the top,", SpeechMode.DIRECT),
        ("Tom Berg", "to withhold some new arms transfers", SpeechMode.INDIRECT),
        ("Tom Berg", "the general to scale back", SpeechMode.INDIRECT)]


def test_a_reporting_verb_the_parse_made_an_aside_of_its_clause(nlp) -> None:
    body = ("Ana Diaz, a lawyer at Webber Lind, the firm representing the families in the lawsuit, "
            "told Radio Norland the damages, if granted, would serve as an “alternative” form of "
            "justice.")
    assert ("Ana Diaz", "the damages, if granted, would serve as an “alternative” form of justice",
            SpeechMode.MIXED) in run(nlp, body)


def test_a_clause_ending_on_a_conjoined_subject_takes_its_verb_back(nlp) -> None:
    body = ("Opposition leader Ana Diaz raised the alarm that her party’s office had been cordoned "
            "off by security forces and some party leaders had been “violently arrested” ahead of "
            "the Tuesday march.")
    assert ("Ana Diaz", "violently arrested", SpeechMode.DIRECT) in run(nlp, body)


def test_according_to_a_body_named_in_apposition(nlp) -> None:
    body = ("Valdoria struggles with graft, with 10 billion in public money lost each year, according "
            "to its anti-graft body, the Office of Public Integrity.")
    assert run(nlp, body) == [("Office of Public Integrity", "Valdoria struggles with graft, with 10 "
                               "billion in public money lost each year", SpeechMode.INDIRECT)]


def test_a_sentence_opened_by_whose_view_it_gives_credits_its_quote(nlp) -> None:
    body = ("For the Nurses Union of Valdoria, the offer is “an insult to every nurse in the "
            "country.”\n\n“Neither side is listening,” it added in a post on X.")
    assert run(nlp, body) == [
        ("Nurses Union of Valdoria", "an insult to every nurse in the country.", SpeechMode.DIRECT),
        ("Nurses Union of Valdoria", "Neither side is listening,", SpeechMode.DIRECT)]
    assert run(nlp, "For years, the offer stood.") == []


def test_a_missed_full_stop_ends_the_report(nlp) -> None:
    body = ("For the Nurses Union of Valdoria, the offer is “an insult.”\n\n“Neither is acceptable,” "
            "it added in a post on X. The group did not provide evidence for its claims.")
    assert run(nlp, body) == [
        ("Nurses Union of Valdoria", "an insult.", SpeechMode.DIRECT),
        ("Nurses Union of Valdoria", "Neither is acceptable,", SpeechMode.DIRECT)]


@pytest.mark.parametrize(("body", "expected"), [
    ("Costa Rica, Ecuador, the Dominican Republic and Panama meanwhile called on Valdorian "
     "authorities to guarantee that elections are “free, fair, and transparent,” in a joint "
     "statement released Wednesday by the Alliance for Democracy in the Americas.",
     ("Alliance for Democracy in the Americas", "Valdorian authorities to guarantee that elections "
      "are “free, fair, and transparent,”", SpeechMode.MIXED)),
    ("Valdoria grapples with widespread corruption with an estimated 10 trillion in public funding "
     "diverted each year, according to its anti-graft body, the Inspectorate of Government (IOG).",
     ("Inspectorate of Government", "Valdoria grapples with widespread corruption with an "
      "estimated 10 trillion in public funding diverted each year", SpeechMode.INDIRECT)),
])
def test_parses_that_hang_the_addressee_or_the_source_elsewhere(nlp, body, expected) -> None:
    assert expected in run(nlp, body)


def test_according_to_a_vague_source_opening_the_sentence_names_no_one(nlp) -> None:
    body = ("According to new developments, Valdoria's president has faced tough challenges before, "
            "but his meeting in the capital will require all his charm.")
    assert run(nlp, body) == []


@pytest.mark.parametrize(("body", "expected"), [
    ("But Mr Tom Berg was at pains to explain the summit was not a \"sprint\" to a solution.",
     ("Tom Berg", "the summit was not a \"sprint\" to a solution", SpeechMode.MIXED)),
    ("There were hopes the vote might be different after President Tom Berg promised the envoys "
     "last year in a historic agreement that he would hold free elections.",
     ("Tom Berg", "he would hold free elections", SpeechMode.INDIRECT)),
    ("Earlier this week, Foreign Minister Wang Tao told visiting Foreign Minister Ana Diaz that "
     "Valdoria “supported all efforts that contribute to peace” – the first time Valdoria has "
     "hosted a top Norland official since the war began.",
     ("Wang Tao", "supported all efforts that contribute to peace", SpeechMode.DIRECT)),
])
def test_clauses_the_parse_hangs_off_the_verb_or_runs_into_a_remark(nlp, body, expected) -> None:
    stmts = run(nlp, body)
    assert expected in stmts
    assert not any("first time" in text for _, text, _ in stmts)


def test_a_quote_a_colon_introduces_after_a_persons_sentence_is_theirs(nlp) -> None:
    body = ("President Tom Berg reminisced about meeting previous leaders before making a joke about "
            "his age: “That’s how far back it goes. I was only 12 then.” Nobody answered.")
    assert run(nlp, body) == [
        ("Tom Berg", "That’s how far back it goes. I was only 12 then.", SpeechMode.DIRECT)]
    assert run(nlp, "The agreement reads: “Both sides will withdraw their troops by May.”") == []
