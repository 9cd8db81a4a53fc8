"""The subject of a verb (kg.extract.syntax), on hand-built parses: no model needed."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from kg.extract.syntax import controlled_subject, own_subject, subject_of


VOCAB = spacy.blank("en").vocab  # English lexical attributes ('who'.lower_), no model


def _doc(parse: str) -> Doc:
    """'word/head/dep/pos/lemma ...' (head: the index of the token's head)."""
    rows = [t.split("/") for t in parse.split()]
    return Doc(VOCAB, words=[r[0] for r in rows], heads=[int(r[1]) for r in rows],
               deps=[r[2] for r in rows], pos=[r[3] for r in rows], lemmas=[r[4] for r in rows])


SAYING = _doc("Lee/1/nsubj/PROPN/Lee met/1/ROOT/VERB/meet Kim/1/dobj/PROPN/Kim ,/1/punct/PUNCT/, "
              "saying/1/advcl/VERB/say talks/6/nsubj/NOUN/talk went/4/ccomp/VERB/go well/6/advmod/ADV/well")
ADDING = _doc("Lee/1/nsubj/PROPN/Lee said/1/ROOT/VERB/say talks/3/nsubj/NOUN/talk went/1/ccomp/VERB/go "
              "well/3/advmod/ADV/well ,/3/punct/PUNCT/, adding/3/advcl/VERB/add more/6/dobj/ADJ/more")
INVITED = _doc("Lee/1/nsubj/PROPN/Lee invited/1/ROOT/VERB/invite Kim/1/dobj/PROPN/Kim to/4/aux/PART/to "
               "visit/1/xcomp/VERB/visit")
WHO = _doc("the/1/det/DET/the envoy/4/nsubj/NOUN/envoy who/3/nsubj/PRON/who met/1/relcl/VERB/meet "
           "spoke/4/ROOT/VERB/speak")


def test_a_verb_with_a_subject_of_its_own_has_it_under_both_policies() -> None:
    assert own_subject(SAYING[1]).text == subject_of(SAYING[1]).text == "Lee"
    assert controlled_subject(SAYING[1]).text == "Lee"


def test_a_participle_takes_the_subject_of_the_clause_it_hangs_from() -> None:
    assert own_subject(SAYING[4]) is None
    assert subject_of(SAYING[4]).text == "Lee"


def test_a_participle_on_reported_content_takes_the_reporting_verbs_subject() -> None:
    assert subject_of(ADDING[6]).text == "talks"  # no cue known: the clause it hangs from
    assert subject_of(ADDING[6], is_cue=lambda t: t.text == "said").text == "Lee"


def test_object_control_gives_the_infinitive_the_object_for_meetings_only() -> None:
    assert controlled_subject(INVITED[4]).text == "Kim"  # Kim visits
    assert subject_of(INVITED[4]).text == "Lee"  # what Lee is reported to say: Lee's


def test_a_relative_pronoun_subject_is_the_noun_the_clause_hangs_from() -> None:
    assert own_subject(WHO[3]).text == controlled_subject(WHO[3]).text == "envoy"
