"""The one way to send an e-mail.

Every app calls `email_send` (one recipient, delivered by the task worker) or, when it is
already a worker sending a batch over one SMTP connection, `email_render` + `email_message`.
Rendering happens in the recipient's language with the same base context everywhere; the
plain-text part and the subject are rendered with autoescaping OFF (a text part must read
"l'armoire", never "l&#x27;armoire").
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template import Context
from django.template.loader import get_template
from django.utils import translation

from portal.links import absolute_url, site_url  # noqa: F401  (one helper, re-exported for mail code)

ONE_CLICK = "List-Unsubscribe=One-Click"


class MailPreferences:
    """What the core needs to know of residents' e-mail choices per notification kind.

    The notifications app registers its implementation; the core never imports it. Without
    it, e-mails of a kind are sent (no choice to honour) but no mass mailing has recipients.
    """

    def send_now(self, *, user, kind: str) -> tuple[bool, str | None]:
        """(send this e-mail now?, the one-click unsubscribe link of that kind)."""
        return True, None

    def recipients_now(self, *, kind: str) -> Q:
        """A filter on the user model: who wants e-mails of `kind` at once."""
        return Q(pk__in=[])

    def wants_now(self, *, user, kind: str) -> bool:
        return False

    def set_now(self, *, user, kind: str, now: bool) -> None:
        pass


_preferences = MailPreferences()


def register_mail_preferences(preferences: MailPreferences) -> None:
    global _preferences
    _preferences = preferences


def mail_preferences() -> MailPreferences:
    return _preferences


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def render_text(template_name: str, context: dict) -> str:
    """Render a Django template as plain text: no HTML escaping at all."""
    template = get_template(template_name).template
    return template.render(Context(context, autoescape=False))


def email_render(*, template: str, language: str | None, context: dict) -> RenderedEmail:
    """`<template>_subject.txt`, `<template>.txt` and `<template>.html` in `language`."""
    language = language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "site_name": settings.WAGTAIL_SITE_NAME,
            "site_url": site_url(),
            "language": language,
            **context,
        }
        subject = " ".join(render_text(f"{template}_subject.txt", context).split())
        text = render_text(f"{template}.txt", context)
        html = get_template(f"{template}.html").render(context)
    return RenderedEmail(subject=subject, text=text, html=html)


def unsubscribe_headers(unsubscribe_url: str | None) -> dict:
    """RFC 8058 one-click unsubscribe: the mail client POSTs "List-Unsubscribe=One-Click"."""
    if not unsubscribe_url:
        return {}
    return {"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": ONE_CLICK}


def email_message(
    *, to: str, rendered: RenderedEmail, headers: dict | None = None, connection=None
) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        rendered.subject,
        rendered.text,
        settings.DEFAULT_FROM_EMAIL,
        [to],
        headers=headers or None,
        connection=connection,
    )
    message.attach_alternative(rendered.html, "text/html")
    return message


def email_deliver(*, to: str, subject: str, text: str, html: str, headers: dict | None = None):
    """Hand one rendered e-mail to the mail backend (called by the worker)."""
    email_message(
        to=to, rendered=RenderedEmail(subject=subject, text=text, html=html), headers=headers
    ).send()


def email_send(
    *,
    to: str,
    template: str,
    language: str | None,
    context: dict,
    unsubscribe_url: str | None = None,
    headers: dict | None = None,
) -> None:
    """Render now (in `language`), deliver through the task worker.

    The task row is written on the caller's database connection: inside a transaction it
    commits (or rolls back) with the data the e-mail talks about.
    """
    if not to:
        return
    if unsubscribe_url:
        context = {"unsubscribe_url": unsubscribe_url, **context}
    rendered = email_render(template=template, language=language, context=context)
    from .tasks import email_deliver_task

    email_deliver_task.using(backend=settings.EMAIL_TASK_BACKEND).enqueue(
        to=to,
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        headers={**unsubscribe_headers(unsubscribe_url), **(headers or {})},
    )


def email_send_to_user(
    *, user, template: str, context: dict, unsubscribe_url=None, kind: str | None = None
) -> None:
    """`email_send` to a resident's address, in the resident's language.

    With a notification `kind`, the resident's choice for that kind decides whether it leaves
    now (else it waits for the digest or stays on the site), and it carries a one-click
    unsubscribe for that kind.
    """
    if kind:
        send_now, unsubscribe_url = _preferences.send_now(user=user, kind=kind)
        if not send_now:
            return
    email_send(
        to=user.email,
        template=template,
        language=getattr(user, "language", None),
        context={"recipient": user, "user": user, **context},
        unsubscribe_url=unsubscribe_url,
    )
