"""Resident text: a tiny, safe subset of HTML (nh3), paragraphs from plain line breaks."""

import re

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
_BLOCK = re.compile(r"</?(p|ul|ol|li)\b", re.I)


def _clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )


def sanitise(text: str) -> str:
    """What a resident typed → safe HTML to store and show.

    Anything outside the tiny allow-list (scripts, styles, attributes, images…) is dropped;
    text without block tags gets paragraphs and line breaks from its blank lines and newlines.
    """
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").strip()
    cleaned = _clean(text).strip()
    if not _BLOCK.search(cleaned):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", cleaned) if p.strip()]
        cleaned = "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return _clean(cleaned).strip()
