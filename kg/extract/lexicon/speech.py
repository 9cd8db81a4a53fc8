"""Words of speech: verbs that report or describe what was said, and the nouns and particles
around them. Lemmas, lower case.
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
caution announce retort quip joke lament hail brief believe hope""".split()
)

# Plain verbs of saying: their participle ('..., saying ...') introduces the rest of the sentence.
SAY_VERBS = frozenset(
    "say add tell insist argue warn claim note explain write stress post tweet".split()
)


# Verbs whose quoted object is a direct fragment ("described him as a 'close friend'").
DESCRIBING_VERBS = frozenset("call describe dub term label brand title hail".split())

# Reporting verbs that take an object plus an infinitive as their content ("urged X to ...").
OBJECT_INFINITIVE_VERBS = frozenset("urge ask call tell warn remind invite encourage press pressure"
                                    .split())
# Of those, the verbs of pressing that report only with both ('pressed the council to act'; not
# 'pressed ahead').
PRESSING_VERBS = frozenset("press pressure".split())

# Participles that mark an implication or the writer's gloss, not a speech act, when they trail a
# clause (', suggesting ...', ', referencing ...').
NON_SPEECH_PARTICIPLES = frozenset(
    "suggesting indicating signalling signaling referencing referring".split())

# Nouns that, as the object of "express"/"voice"/"raise", carry a that-clause of reported content
# ('expressed hope that ...', 'raised the alarm that ...', 'gave assurances that ...').
ATTITUDE_NOUNS = frozenset(
    "hope hopes concern concerns worry worries fear fears belief "
    "confidence doubt doubts regret alarm warning warnings assurance assurances "
    "point case claim claims argument".split()
)


# Reporting verbs whose content can be a prepositional phrase ('warned against ...'; 'called for
# calm' is read with the describing verbs, in kg.extract.cues).
PREPOSITION_CONTENT = {"warn": ("against", "of"), "caution": ("against",), "rail": ("against",),
                       "inveigh": ("against",)}

# Speech acts whose content is an infinitive, 'to' included: 'pledged to lift the ban', 'threatened
# to walk out' (not 'agreed to meet', an action of the subject's).
INFINITIVE_ACTS = frozenset("pledge promise vow threaten".split())

# Speech acts whose content can be a gerund clause: 'denied supplying weapons', 'advocated halting
# aid', 'admitted misleading parliament'.
GERUND_ACTS = frozenset("deny admit advocate propose suggest recommend reject".split())

# Contested and descriptive speech acts whose content is their object with a phrase of one of these
# prepositions: 'accused the regulator of stalling' -> 'the regulator of stalling', 'dismissed the
# figures as invented'.
OBJECT_PHRASE_ACTS = {
    "accuse": ("of",), "blame": ("for",), "criticise": ("for", "as"), "criticize": ("for", "as"),
    "dismiss": ("as",), "describe": ("as",), "condemn": ("as", "for"), "denounce": ("as",),
    "defend": ("as",), "slam": ("as", "for"), "praise": ("for",), "commend": ("for",),
    "lambaste": ("for",), "rebuke": ("for",), "chide": ("for",),
}

# Nouns of a speech act that, owned by their speaker, carry what was said as a that-clause: "the
# minister's warning that ...", "Valdoria's claim that ...".
SPEECH_NOUNS = frozenset(
    "suggestion claim claims assertion warning insistence assurance assurances promise pledge "
    "statement announcement admission argument allegation accusation remark remarks comment "
    "comments threat demand proposal".split()
)

# Verbs of committing whose that-clause the parse may hang on their object or an adjunct
# ('promised Washington in a deal that he would ...').
PROMISE_VERBS = frozenset("promise pledge vow assure guarantee".split())

# Verbs whose infinitive is what was not done: 'declined to say', 'refused to confirm that ...'.
NOT_DOING_VERBS = frozenset("decline refuse fail".split())

# A writer's remark after a dash that credits the words before it to someone else as well: the
# nouns for what was said ('- a claim amplified by X') and the verbs that repeat or contest it
# ('- an allegation X denies', '- which has been denied by X').
CLAIM_NOUNS = frozenset("claim allegation accusation charge assertion view".split())
ECHO_VERBS = frozenset("amplify echo repeat share deny reject dispute dismiss".split())

# What a newsroom asks a party for ('CNN has asked the ministry for comment'): not a statement.
NEWSROOM_REQUESTS = frozenset("comment comments response reaction clarification".split())

# Verbs whose object is an attitude noun with its content ('expressed hope that ...', 'made the
# point that ...', 'issued a warning that ...').
ATTITUDE_VERBS = frozenset(
    "express voice profess raise sound issue give make repeat reiterate".split())

# Verbs of writing that report like speech ('wrote on X', 'posted that ...').
WRITING_VERBS = frozenset("post tweet write".split())

# Verbs of a physical act that, with 'back' and a that-clause, answer ('shot back that ...').
RETORT_VERBS = frozenset("shoot hit fire push".split())

# Phrasal verbs of saying, with their particle: 'pointed out that ...', 'spelled out that ...'.
PHRASAL_SPEECH_VERBS = {"point": "out", "spell": "out"}

# Labels of the asking side of a transcript or interview ('Q:', 'INTERVIEWER:').
QUESTION_LABELS = frozenset("q q. question interviewer reporter host moderator".split())
# Labels of the answering side of an interview write-up ('A: ...'): the interviewee the lead names.
ANSWER_LABELS = frozenset("a a. answer".split())
