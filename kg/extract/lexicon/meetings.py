"""Words of meetings: verbs and nouns that report a meeting, a call or a visit, and the words that
tell its status, mode and participants. Lemmas or lower-case forms.
"""

from __future__ import annotations

# Verbs whose subject and object meet ('met', 'hosted', 'received', 'phoned').
MEET_VERBS = frozenset("meet host welcome receive greet visit confer phone telephone accompany summon".split())
WITH_VERBS = frozenset("talk speak chat confer negotiate dine".split())  # need "with" (or a phone cue)
# Verbs of travel: a trip to a place or a person is a visit.
TRAVEL_VERBS = frozenset("travel fly arrive land head leave depart".split())
# Nouns that name a meeting, a call or a visit.
MEETING_NOUNS = frozenset(
    "meeting summit talks talk call conversation visit trip flight tour banquet luncheon lunch dinner "
    "breakfast tea hearing tete-a-tete sit-down encounter golf".split()
)
# Gatherings of a body's members: 'the G20 summit', 'the NATO summit' is a meeting of that body.
GATHERING_NOUNS = frozenset("summit ministerial".split())
# Nouns of the setting of another meeting: 'met on the sidelines of the X summit' reports the
# meeting, the summit is where it happened.
SETTING_NOUNS = frozenset("sideline sidelines margin margins fringe fringes".split())
# A hearing the lead of an article reports ('A parliamentary hearing on X took place on Tuesday')
# with no one named in it is the frame of the article: the people quoted after it spoke there.
FRAME_NOUNS = frozenset("hearing inquiry".split())
TALK_WORDS = frozenset("talk talks conversation discussion".split())  # a meeting or a call
# Meals: a meeting when people share them.
MEAL_NOUNS = frozenset("banquet luncheon lunch dinner breakfast tea".split())
# Words of visiting: their place is where the meeting is.
VISIT_WORDS = frozenset("visit trip flight tour travel fly arrive land head leave depart".split())
# Heads of a delegation: 'a Chinese minister' stands for China at talks.
REPRESENTATIVES = frozenset(
    "leader minister secretary president premier chief official delegate negotiator envoy "
    "representative diplomat ambassador".split()
)
# A country's side at talks, and the verbs that name who stands for it: 'the Iranian delegation
# will be led by X', 'the US will be represented by Y'.
DELEGATION_NOUNS = frozenset("delegation team side".split())
REPRESENT_VERBS = frozenset("represent lead head".split())
# Adverbs that make a meeting another occasion than the one before.
ANOTHER = frozenset("also later again afterwards afterward subsequently then too".split())
# Ordinals and adjectives that name another occasion ('their first summit').
OTHER_OCCASION = frozenset("first last previous earlier prior former second third inaugural".split())
# Adjectives of repeated meetings: no one occasion.
HABITUAL = frozenset("repeated regular frequent several many multiple numerous various".split())
# Assemblies: a person speaking at one is not meeting it.
ASSEMBLY_NOUNS = frozenset("assembly parliament congress conference summit rally forum session "
                           "convention council senate".split())
# Bodies one appears before, testifies to, tells or briefs.
BODY_NOUNS = ASSEMBLY_NOUNS | frozenset("committee commission panel cabinet subcommittee".split())
# Verbs of addressing a body, with the prepositions that name it.
AUDIENCE_VERBS = {"appear": ("before",), "testify": ("before", "to"), "tell": (), "brief": ()}
# Light verbs a meeting noun is the object of ('held talks', 'attended the summit').
SUPPORT_VERBS = frozenset(
    "have hold attend pay make host join begin open conclude end wrap spend chair lead "
    "accompany start resume continue arrange cancel postpone scrap skip call "
    "set seek request plan schedule organize organise invite push press play receive get take".split()
)
# Verbs that ask for a meeting: 'called for talks', 'pushed for a summit', 'invited X for talks'
# (the meeting is proposed; the one asking takes part only where the meeting is 'with' someone).
ASK_FOR_VERBS = frozenset("call push press appeal invite ask".split())
EVENT_VERBS = frozenset(  # a meeting noun as their subject: their tense and modality are the meeting's
    "take happen occur begin start end last continue resume go proceed conclude open close "
    "follow come get".split()
)
# Prepositions that hang a meeting noun on a clause as its time or occasion.
ADJUNCT_PREPS = frozenset("during at after before on in following ahead amid over".split())
# Verbs of taking part in an occasion with someone: 'join him on a tour', 'accompany her on a
# trip'; the modality of the verb is the occasion's.
JOIN_VERBS = frozenset("join accompany".split())
# Verbs of hosting: their subject is a participant at home.
HOST_VERBS = frozenset("welcome host receive greet".split())
# Pronouns of a speaker's own words (a labelled turn): the speaker, the one spoken to, or both.
TURN_PRONOUNS = {
    **dict.fromkeys("i me my myself mine".split(), "speaker"),
    **dict.fromkeys("you your yours yourself".split(), "addressee"),
    **dict.fromkeys("we us our ours ourselves".split(), "both"),
}
# Verbs of telling: the one told during a call took part in it.
ADDRESS_VERBS = frozenset("tell ask assure inform urge thank promise warn brief invite congratulate".split())
# Verbs of handing something over: the one given it at an occasion was there ('presented X
# with a map during the lunch', 'handed Y a letter at the meeting').
GIVE_VERBS = frozenset("present hand give gift show".split())

# Words of status and mode: a phone or video call, cancelled, proposed or planned.
PHONE_WORDS = frozenset("phone telephone call phoned telephoned".split())
VIDEO_WORDS = frozenset("video videoconference virtual virtually online remote".split())
CANCEL_VERBS = frozenset("cancel scrap postpone scupper shelve axe abandon".split())
CANCEL_WORDS = frozenset("unable".split())  # 'is unable to come next week': it will not take place
PROPOSE_VERBS = frozenset(
    "invite propose suggest offer hope want seek consider urge push ask request pledge promise vow float moot "
    "aim".split()
)
PROPOSE_WORDS = frozenset(
    "possible potential possibly probably perhaps maybe likely unlikely willing ready eager keen "
    "prepared open".split()
)
CONDITIONS = frozenset("if unless provided".split())  # 'if confirmed, he plans to visit'
# Verbs and modals that put a meeting ahead (planned) or leave it uncertain (proposed).
# Verbs whose object does what their infinitive says ('invited X to visit', 'led us to hold
# talks'); not 'used X to', 'promised X to', whose subject does it.
OBJECT_CONTROL = PROPOSE_VERBS - {"promise", "pledge", "vow"} | frozenset(
    "lead force allow encourage tell help expect want persuade enable prompt require get".split())
PLAN_VERBS = frozenset("schedule plan set expect agree prepare arrange due intend".split())
# A schedule: in the past perfect ('had been due to', 'had been scheduled for') a plan that no
# longer stands as it was, so only a proposal (not 'had agreed to meet': an agreement stands).
SCHEDULE_WORDS = frozenset("schedule due set expect plan intend".split())
# 'look forward to': what the verb looks to lies ahead (planned).
ANTICIPATION = frozenset("forward".split())
UNCERTAIN_MODALS = frozenset("would could may might".split())
FUTURE_MODALS = frozenset("will shall 'll".split())
