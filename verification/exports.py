"""The only place letter codes exist in plain text: the downloads made while generating a batch."""

from django.http import StreamingHttpResponse
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from neighbourhoods import exports
from portal.links import absolute_url


def _verify_url(language):
    with translation.override(language):
        return absolute_url(reverse("verification:start"))


def _filename(batch, ext):
    return f"letter-codes-{batch.neighbourhood.code}-{batch.pk}.{ext}"


def codes_csv_response(*, batch, pairs):
    """Streamed CSV for the mailing house: one row per address with its code."""
    url = _verify_url(batch.language)

    def rows():
        yield [
            _("Street"),
            _("Number"),
            _("Box"),
            _("Postcode"),
            _("Neighbourhood"),
            _("Code"),
            _("Expires on"),
            _("Language"),
            _("Link"),
        ]
        for letter_code, plaintext in pairs:
            a = letter_code.address
            yield [
                a.street,
                a.number,
                a.box,
                a.postcode,
                batch.neighbourhood.code,
                plaintext,
                letter_code.expires_at.date().isoformat(),
                batch.language,
                url,
            ]

    return exports.csv_response(rows(), filename=_filename(batch, "csv"), no_store=True)


def letters_response(*, batch, pairs):
    """Print-ready HTML: one A4 page per address, in the batch's language. Streamed."""
    url = _verify_url(batch.language)

    def chunks():
        with translation.override(batch.language):
            yield render_to_string(
                "verification/letters_head.html", {"batch": batch, "count": len(pairs)}
            )
            letter = get_template("verification/letter.html")
            for letter_code, plaintext in pairs:
                yield letter.render(
                    {
                        "batch": batch,
                        "address": letter_code.address,
                        "code": plaintext,
                        "expires_at": letter_code.expires_at,
                        "max_members": letter_code.max_members,
                        "url": url,
                    },
                )
            yield "</body></html>"

    response = StreamingHttpResponse(chunks(), content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(batch, "html")}"'
    response["Cache-Control"] = "no-store"
    return response
