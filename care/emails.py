from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from portal.links import site_url


def send_to_user(*, user, template: str, context: dict) -> None:
    """One e-mail in the recipient's language: <template>_subject.txt, .txt and .html.

    Sent from the platform's address: no resident's address ever appears in it."""
    language = getattr(user, "language", None) or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {"recipient": user, "site_url": site_url(), **context}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(subject, text, to=[user.email])
    message.attach_alternative(html, "text/html")
    message.send()
