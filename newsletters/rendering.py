"""Render an issue once per language; per recipient only two links are substituted."""

import html as html_lib
import re
import textwrap
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import strip_tags

from emails.services import render_text
from neighbourhoods.languages import page_in_reader_language
from portal.links import absolute_url, site_url

UNSUBSCRIBE_MARK = "@@UNSUBSCRIBE_URL@@"
PREFERENCES_MARK = "@@PREFERENCES_URL@@"
_RELATIVE_HREF = re.compile(r'(href|src)="/(?!/)')


@dataclass(frozen=True)
class RenderedIssue:
    subject: str
    html: str
    text: str
    web_url: str

    def html_for(self, *, unsubscribe_url: str, preferences_url: str) -> str:
        return self.html.replace(UNSUBSCRIBE_MARK, unsubscribe_url).replace(
            PREFERENCES_MARK, preferences_url
        )

    def text_for(self, *, unsubscribe_url: str, preferences_url: str) -> str:
        return self.text.replace(UNSUBSCRIBE_MARK, unsubscribe_url).replace(
            PREFERENCES_MARK, preferences_url
        )


def _text_blocks(issue) -> list[str]:
    parts = []
    for block in issue.body:
        if block.block_type == "heading":
            parts.append(str(block.value).upper())
        elif block.block_type == "paragraph":
            parts.append(html_lib.unescape(strip_tags(block.value.__html__())).strip())
        elif block.block_type == "image":
            if block.value.get("caption"):
                parts.append(f"[{block.value['caption']}]")
        elif block.block_type == "page":
            target = block.value["page"]
            if target is not None:
                title = block.value.get("title") or target.title
                line = f"* {title}: {absolute_url(target.url or '/')}"
                if block.value.get("text"):
                    line += f"\n  {block.value['text']}"
                parts.append(line)
    return parts


def _short_lines(text: str, width: int) -> str:
    """Wrap long lines (never inside a word or URL): e-mail lines must stay under 998 octets,
    and short lines keep the body 8-bit instead of quoted-printable."""
    lines = []
    for line in text.splitlines():
        if len(line) <= width:
            lines.append(line)
        else:
            lines.extend(
                textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False) or [""]
            )
    return "\n".join(lines) + "\n"


def render_issue(*, page, language: str, web_url: str | None = None, exact=False) -> RenderedIssue:
    """`web_url=""` renders no web-version link (an issue not sent yet has none)."""
    issue = page if exact else page_in_reader_language(page, language=language)
    if web_url is None:
        web_url = absolute_url(issue.url or "/")
    with translation.override(language):
        context = {
            "issue": issue,
            "web_url": web_url,
            "site_url": site_url(),
            "unsubscribe_url": UNSUBSCRIBE_MARK,
            "preferences_url": PREFERENCES_MARK,
            "text_blocks": _text_blocks(issue),
        }
        html = render_to_string("newsletters/emails/issue.html", context)
        text = render_text("newsletters/emails/issue.txt", context)
    # Rich text and images carry site-relative URLs: e-mail clients need absolute ones.
    html = _short_lines(_RELATIVE_HREF.sub(lambda m: f'{m.group(1)}="{site_url()}/', html), 200)
    text = _short_lines(text, 78)
    return RenderedIssue(subject=issue.title, html=html, text=text, web_url=web_url)
