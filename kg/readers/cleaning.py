"""Drop page furniture from an article's paragraphs: ads, share prompts, credits, promos.

Each rule looks at one whole paragraph (a line of text) and drops it only when the whole line is
furniture, so prose that merely mentions "advertisement" or "newsletter" stays. Embedded
social-media posts are not furniture and are kept (see `kg.readers.posts`); only their media links
(pic.twitter.com/..., t.co/...) are removed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_AGENCIES = (
    r"getty images|reuters|ap|ap photo|associated press|afp|epa|epa-efe|shutterstock|alamy|"
    r"pa media|pa wire|xinhua|anadolu(?: agency)?|bloomberg|yonhap|newsis|news1|anews|"
    r"the washington post|the new york times|bbc|sipa|zuma press|imago|dpa|tass|ria novosti"
)
_LINES = (
    # advertising
    r"advertisements?|advert|ads?|sponsored(?: content)?|promoted(?: content)?",
    r"paid (?:content|post|partner content)|scroll to continue(?: with content)?",
    r"advertisement [-–—] scroll to continue",
    r"(?:story|article|text) continues (?:below|after)(?: (?:this )?(?:advertisement|ad|video))?",
    # links to other pages
    r"continue reading(?: (?:the )?(?:main story|below|article))?",
    r"read (?:more|next|also|full (?:story|article))(?:\s*(?:[:|»›>-]|…|\.\.\.).*)?",
    r"(?:also read|see also|more on this story|more from [\w ]{1,30}|most read|trending(?: now)?)"
    r"(?:\s*[:|].*)?",
    r"related(?: (?:articles?|stories|content|coverage|topics|news|links|reading|video))?"
    r"(?:\s*[:|].*)?",
    r"recommended(?: (?:for you|stories|articles|reading))?",
    # share prompts and page tools
    r"shares?|share (?:this|the) (?:article|story|page|post|video)",
    r"share (?:this|full article|article|story|page)?\s*(?:on|via|to) [\w ()]{1,40}",
    r"facebook|twitter|x|whatsapp|linkedin|e-?mail|reddit|telegram|pinterest|bluesky|print|tweet",
    r"comments?|copy link|link copied|copied|save|saved|bookmark|gift (?:this )?article",
    r"(?:open|view) image in (?:gallery|full ?screen)|enlarge this image",
    r"(?:toggle|hide|show) caption",
    r"images?|video|photos?|gallery|play|play video|watch|listen",
    r"listen to (?:this )?article(?: \d+\s*min(?:ute)?s?)?|\d+\s*min(?:ute)?s?(?: read)?",
    r"(?:updated|published|posted)?\s*\d+ (?:seconds?|mins?|minutes?|hours?|hrs?|days?|weeks?) ago",
    # site navigation
    r"skip to (?:main )?(?:content|navigation|search|footer)|jump to(?: .{1,40})?|back to top",
    r"menu|search|home|log ?in|sign ?in|sign ?up|register|subscribe(?: now)?",
    # photo credits and captions' furniture
    r"(?:photo|photograph|image|picture|pic|credit|photo credit|image source|image caption)"
    r"\s*[:,]\s*.{0,100}",
    r"\(?(?:photo|image|picture)s? (?:by|courtesy of) .{1,80}",
    r"\(?(?:[\w .'-]{1,40} ?(?:/| via ))?(?:AGENCIES)(?: ?/ ?[\w .'-]{1,40})?\)?",
    # promos and page footers
    r"(?:watch|listen|video|live)\s*: .{1,150}",
    r"(?:©|\(c\)|copyright) .{0,150}|all rights reserved\.?",
    r"follow (?:us|@\w+) on .{1,60}|click here .{0,150}",
)
_FURNITURE = re.compile(
    "(?i)(?:" + "|".join(_LINES).replace("AGENCIES", _AGENCIES) + ")[\\s.:!…»›|]*"
)
_NEWSLETTER = re.compile(r"(?i)\bnewsletters?\b")
_PROMO_VERB = re.compile(r"(?i)\b(?:sign\ up|subscribe|get|inbox|delivered|register|join)\b")
_COOKIES = re.compile(r"(?i)\b(?:we|this site|this website) uses? cookies\b")
_MEDIA_LINK = re.compile(r"\s*(?:https?://)?(?:pic\.twitter\.com|t\.co)/\w+")
_SENTENCE_END = re.compile(r"""[.!?…"”’'):;]\s*$""")
_GALLERY = re.compile(r"(?i)(?:open|view) image in (?:gallery|full ?screen)")


def is_furniture(line: str) -> bool:
    """Tell whether a whole paragraph is page furniture rather than article text.

    >>> [is_furniture(s) for s in ("Advertisement", "Read more: Trump and Putin", "Share",
    ...                             "Getty Images", "2 hours ago", "open image in gallery")]
    [True, True, True, True, True, True]
    >>> is_furniture("Sign up for our free morning newsletter")
    True
    >>> is_furniture("The advertisement ran in three newspapers, Reuters reported.")
    False
    """
    text = line.strip()
    if _FURNITURE.fullmatch(text):
        return True
    if len(text) <= 200 and _NEWSLETTER.search(text) and _PROMO_VERB.search(text):
        return True
    return len(text) <= 300 and bool(_COOKIES.search(text))


def strip_media_links(line: str) -> str:
    """Remove embedded-post media links (pic.twitter.com/…, t.co/…) from a line.

    >>> strip_media_links("informed me about what… pic.twitter.com/flmigxqtbl")
    'informed me about what…'
    """
    if "t.co/" not in line and "pic.twitter.com/" not in line:
        return line.strip()
    return _MEDIA_LINK.sub("", line).strip()


def clean_paragraphs(paragraphs: Iterable[str]) -> list[str]:
    """Return the paragraphs with whitespace collapsed and furniture dropped.

    Also dropped: the first copy of a photo caption printed twice around an "open image in
    gallery" marker, a paragraph repeating the one before it, and a closing run of two or more
    short unpunctuated lines (the "related stories" links at the foot of a page).

    >>> clean_paragraphs(["Said  he.", "Advertisement", "A caption", "open image in gallery",
    ...                   "A caption (Reuters)", "Last words.", "Other story", "Another story"])
    ['Said he.', 'A caption (Reuters)', 'Last words.']
    >>> clean_paragraphs(["Text before the photo.", "open image in gallery", "A caption (AP)", "End."])
    ['Text before the photo.', 'A caption (AP)', 'End.']
    """
    lines = [strip_media_links(" ".join(raw.split())) for raw in paragraphs]
    kept: list[str] = []
    for i, line in enumerate(lines):
        if _GALLERY.fullmatch(line):
            after = lines[i + 1] if i + 1 < len(lines) else ""
            if kept and i > 0 and lines[i - 1] == kept[-1] and after.startswith(kept[-1]):
                kept.pop()  # the caption is printed again, with its credit, after the marker
        elif line and not is_furniture(line) and (not kept or line != kept[-1]):
            kept.append(line)
    return _drop_link_tail(kept)


def _drop_link_tail(lines: list[str]) -> list[str]:
    end = len(lines)
    while end > 0 and len(lines[end - 1]) <= 120 and not _SENTENCE_END.search(lines[end - 1]):
        end -= 1
    if len(lines) - end >= 2 and end > 0:
        return lines[:end]
    return lines
