"""Name news outlets in English when an aggregator prints them in another script.

Aggregators that republish English articles label the source in their own language (the seed's
Persian header says "منبع: الجزیره انگلیسی", i.e. "source: Al Jazeera English"). The table holds the
outlets such aggregators carry most, written as Persian and Arabic sites print them; `normalize`
folds the spelling differences between the two scripts, so one entry covers both.
"""

from __future__ import annotations

import re
import unicodedata

_OUTLETS = {
    "الجزیره انگلیسی": "Al Jazeera English",
    "الجزیره": "Al Jazeera",
    "الجزیره الانجلیزیه": "Al Jazeera English",
    "رویترز": "Reuters",
    "آسوشیتدپرس": "Associated Press",
    "آسوشیتد پرس": "Associated Press",
    "خبرگزاری فرانسه": "Agence France-Presse",
    "بی بی سی": "BBC News",
    "سی ان ان": "CNN",
    "نیویورک تایمز": "The New York Times",
    "واشنگتن پست": "The Washington Post",
    "وال استریت ژورنال": "The Wall Street Journal",
    "گاردین": "The Guardian",
    "ایندیپندنت": "The Independent",
    "فایننشال تایمز": "Financial Times",
    "بلومبرگ": "Bloomberg",
    "یورونیوز": "Euronews",
    "فاکس نیوز": "Fox News",
    "ان بی سی نیوز": "NBC News",
    "پولیتیکو": "Politico",
    "اکسیوس": "Axios",
    "تلگراف": "The Telegraph",
    "دویچه وله": "Deutsche Welle",
    "اسکای نیوز": "Sky News",
    "یونهاپ": "Yonhap News Agency",
    "فرانس 24": "France 24",
}
_FOLD = str.maketrans(
    {
        "ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "أ": "ا", "إ": "ا", "ٱ": "ا",
        "\u200c": " ", "\u200d": "", "ـ": "", "ٔ": "",
    }
)  # fmt: skip
_MARKS = re.compile("[\u064b-\u065f\u0670]")


def normalize(name: str) -> str:
    """Fold Arabic-script spelling variants, digits, spacing and case so that names compare.

    >>> normalize("بی‌بی‌سی") == normalize("بي بي سي")
    True
    """
    digits = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in name)
    return " ".join(_MARKS.sub("", digits.translate(_FOLD)).casefold().split())


_BY_NAME = {normalize(key): value for key, value in _OUTLETS.items()}


def english_name(name: str) -> str:
    """Return the English name of an outlet printed as `name`, or `name` itself if not known.

    >>> english_name("الجزیره انگلیسی")
    'Al Jazeera English'
    >>> english_name("رويترز")
    'Reuters'
    >>> english_name("The Korea Herald")
    'The Korea Herald'
    """
    return _BY_NAME.get(normalize(name), name.strip())
