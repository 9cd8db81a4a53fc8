"""Detect the language of an article body, offline and deterministically (py3langid).

py3langid ships its model inside the package (no download), gives the same answer for the same
text, and classifies a few thousand characters in milliseconds.
"""

from __future__ import annotations

from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

SAMPLE_CHARS = 4_000
MIN_LETTERS = 40  # below this, a detection is a guess


@cache
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """Return the ISO 639-1 code of the language of `text`, or None if it is too short to tell.

    >>> detect_language("The president said on Wednesday that talks would start immediately.")
    'en'
    >>> detect_language("Der Präsident sagte am Mittwoch, die Gespräche würden sofort beginnen.")
    'de'
    >>> detect_language("Yes.") is None
    True
    """
    sample = text[:SAMPLE_CHARS]
    if sum(map(str.isalpha, sample)) < MIN_LETTERS:
        return None
    language, _confidence = _identifier().classify(sample)
    return str(language)
