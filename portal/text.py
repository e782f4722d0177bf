"""Text residents type: markup is removed, never interpreted. One definition for every app."""

from html import unescape as html_unescape

import nh3


def plain_text(value: str) -> str:
    """What a resident typed, without any markup; line breaks kept (templates escape it)."""
    # nh3 escapes what it keeps ("&" -> "&amp;"): store the text itself, not its HTML form.
    return html_unescape(nh3.clean(value or "", tags=set())).strip()


def one_line(value: str) -> str:
    """The visible text on one line: for "is it empty?" checks, excerpts and e-mail subjects."""
    return " ".join(plain_text(value).split())
