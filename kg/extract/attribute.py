"""Speakers for candidates: each candidate's `Who` and reporting verb, in document order.

`resolve_speakers` walks the statement candidates in document order so that pronouns and
floating quotes can look back at the previous speaker; a title with no holder yet ("France's
defence minister warned ...") is handed to the next named speaker (`resolve_cataphora`), which
returns the titles so learned rather than adding them to the offices it was given.
"""

from __future__ import annotations

from kg.extract.cues import is_cue
from kg.extract.forms.base import ByCue, ByPhrase, Candidate, Continuing, Named
from kg.extract.offices import Offices, TitleMention
from kg.extract.parse import Parsed
from kg.extract.people import Person
from kg.extract.speakers import Speakers, Who
from kg.model import SpeechMode

Resolved = tuple[Candidate, Who, "str | None"]


def resolve_speakers(
    parsed: Parsed, candidates: tuple[Candidate, ...], speakers: Speakers
) -> list[Resolved]:
    """Give each candidate its speaker and reporting verb, in document order."""
    resolved: list[Resolved] = []
    last_who: Who | None = None
    last_verb: str | None = None
    for cand in candidates:
        verb = cand.reporting_verb
        match cand.speaker:
            case Named(person):
                who = Who(person=person)
            case Continuing():
                who, verb = last_who, last_verb
                ahead = _continuation(parsed, candidates, cand)
                if ahead is not None:  # a quote running over paragraphs, attributed at its end
                    peek = speakers.speaker_of_cue(ahead.cue, is_cue)
                    if peek is not None:
                        who, verb = peek, ahead.cue.lemma_.lower()
            case ByPhrase(phrase):
                who = speakers.resolve(phrase)
            case ByCue(cue):
                who = speakers.speaker_of_cue(cue, is_cue)
        if who is None:
            continue
        resolved.append((cand, who, verb))
        if isinstance(cand.speaker, ByCue):  # 'Valdoria and Norland said': each said it
            resolved.extend((cand, other, verb) for other in speakers.co_speakers(cand.speaker.cue, is_cue))
        if not any(o.begin <= cand.begin and cand.end <= o.end and o != cand for o in candidates):
            # '... - a claim amplified by X': X says it too
            resolved.extend((cand, other, how) for other, how in speakers.echoes(cand.end)
                            if other != who)
        if who.person is not None or who.org is not None:
            speakers.spoke(who, cand.begin)
            last_who, last_verb = who, verb
    return resolved


def _continuation(parsed: Parsed, candidates: tuple[Candidate, ...], cand: Candidate) -> Candidate | None:
    """The attributed quote that closes a chain of open paragraph quotes starting at `cand`; none
    when something attributed precedes `cand` in its paragraph (it continues that)."""
    if not cand.runs_on:
        return None
    para = parsed.para_index(cand.begin)
    if any(
        c.begin < cand.begin and parsed.para_index(c.begin) == para and not c.floating
        for c in candidates
    ):
        return None
    for later in candidates:
        if later.begin <= cand.begin:
            continue
        lp = parsed.para_index(later.begin)
        if lp != para + 1 or later.begin - parsed.paras[lp][0] > 1:
            return None
        if later.floating and later.runs_on:
            para = lp
            continue
        return (
            later
            if (later.cue is not None and not later.floating and later.mode is SpeechMode.DIRECT)
            else None
        )
    return None


def resolve_cataphora(
    parsed: Parsed, resolved: list[Resolved], offices: Offices
) -> tuple[list[Resolved], list[TitleMention]]:
    """'France's defence minister warned ...' then '"...," Sebastien Lecornu told reporters':
    a title with no holder is the next named speaker within two paragraphs who has no title
    printed or one of the same head ('his top adviser said' ... 'X, the security adviser').

    Returns the candidates with those titles resolved, and the title mentions learned (a person
    with no title printed now holds the one they were introduced by); `offices` is unchanged."""
    out = list(resolved)
    learned: list[TitleMention] = []
    for i, (cand, who, verb) in enumerate(out):
        if who.title is not None and who.person is not None:
            # a bare title resolved to a person with none printed ('the prime minister' for the
            # article's subject): the person holds it
            out[i] = (cand, Who(person=who.person), verb)
            if not _titles_of(offices, learned, who.person):
                learned.append(TitleMention(who.person, [who.title], *who.span))
            continue
        if who.title is None:
            continue
        para = parsed.para_index(cand.begin)
        for later, lwho, _ in out[i + 1 :]:
            if parsed.para_index(later.begin) > para + 2:
                break
            if lwho.person is not None and _may_hold(offices, learned, lwho.person, who.title):
                out[i] = (cand, Who(person=lwho.person), verb)
                if not _titles_of(offices, learned, lwho.person):  # else the printed one stands
                    tb, te = who.span or (cand.begin, cand.end)
                    learned.append(TitleMention(lwho.person, [who.title], tb, te))
                break
    return out, learned


def _titles_of(offices: Offices, learned: list[TitleMention], person: Person) -> list[TitleMention]:
    return [*offices.of(person), *(m for m in learned if m.person is person)]


def _may_hold(offices: Offices, learned: list[TitleMention], person: Person, title) -> bool:
    mentions = _titles_of(offices, learned, person)
    return not mentions or any(t.head == title.head for m in mentions for t in m.titles)
