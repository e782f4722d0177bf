"""The one way to send: rendering, language, links, headers, the worker, no HTML in text."""

import ast
from pathlib import Path

import pytest
from django.core import mail
from django.test import override_settings

from emails.services import email_send, email_send_to_user, render_text
from tests.conftest import HTML_ENTITY

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_plain_text_templates_are_never_html_escaped(tmp_path, settings):
    (tmp_path / "t.txt").write_text("{{ title }} & {% include 'inc.txt' %}")
    (tmp_path / "inc.txt").write_text("{{ title }}")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    text = render_text("t.txt", {"title": 'l\'armoire <à> "partagée"'})
    assert text == 'l\'armoire <à> "partagée" & l\'armoire <à> "partagée"'


def test_initiative_decision_reads_l_armoire_not_an_entity(django_capture_on_commit_callbacks):
    from initiatives import services
    from initiatives.models import Initiative
    from tests.factories.initiatives import InitiativeFactory, call_page
    from tests.factories.neighbourhoods import NeighbourhoodFactory, hub_page, member

    area = NeighbourhoodFactory()
    hub_page(neighbourhood=area)
    call = call_page(neighbourhoods=[area], threshold=3)
    initiative = InitiativeFactory(
        call=call,
        neighbourhood=area,
        submitter=member(neighbourhood=area),
        title="Réparer l'armoire à livres",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.initiative_set_status(initiative=initiative, status=Initiative.Status.IN_REVIEW)
        services.initiative_set_status(
            initiative=initiative,
            status=Initiative.Status.ACCEPTED,
            public_answer="D'accord : l'armoire sera posée \"vite\" & bien.",
        )
    decision = mail.outbox[-1]
    assert "Réparer l'armoire à livres" in decision.body
    assert "D'accord : l'armoire sera posée \"vite\" & bien." in decision.body
    assert HTML_ENTITY.search(decision.body) is None
    html = decision.alternatives[0][0]
    assert "l&#x27;armoire" in html and "&amp; bien" in html  # the HTML part stays escaped


def test_recipient_language_site_url_and_one_click_headers(settings):
    from tests.factories.accounts import UserFactory

    settings.SITE_URL = "https://quartiers.example.be/"
    user = UserFactory(language="nl")
    email_send_to_user(
        user=user,
        template="accounts/email/confirm",
        context={"confirm_url": "https://quartiers.example.be/x"},
        unsubscribe_url="https://quartiers.example.be/u/abc",
    )
    (message,) = mail.outbox
    assert message.to == [user.email]
    assert message.extra_headers["List-Unsubscribe"] == "<https://quartiers.example.be/u/abc>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.subject == "Bevestig uw e-mailadres · Mons en quartiers"
    assert "https://quartiers.example.be/x" in message.body


def test_email_goes_through_the_task_backend_not_the_request():
    """On the production backend an e-mail is a task row; nothing leaves until a worker runs it."""
    from django_tasks_db.models import DBTaskResult

    with override_settings(EMAIL_TASK_BACKEND="default"):
        email_send(
            to="a@example.org",
            template="accounts/email/confirm",
            language="fr",
            context={"confirm_url": "https://x/y", "user": None},
        )
    assert mail.outbox == []
    task = DBTaskResult.objects.get()
    assert task.task_path == "emails.tasks.email_deliver_task"
    assert task.args_kwargs["kwargs"]["to"] == "a@example.org"
    # What the worker does with it:
    from emails.tasks import email_deliver_task

    email_deliver_task.call(**task.args_kwargs["kwargs"])
    assert mail.outbox[0].to == ["a@example.org"]


def test_no_app_builds_mail_objects_itself():
    """The six helpers are gone: only the emails app (and the newsletter's pre-built MIME
    fast path, which subclasses the message class) touch django.core.mail's senders."""
    allowed = {"emails/services.py", "newsletters/mime.py"}
    offenders = []
    for path in ROOT.glob("*/**/*.py"):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith(("tests/", "bench/", ".venv/", "node_modules/")) or rel in allowed:
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "django.core.mail":
                names = {a.name for a in node.names} - {"get_connection"}
                if names:
                    offenders.append(f"{rel}: {sorted(names)}")
    assert offenders == []
    for gone in ("neighbour_help/emails.py", "initiatives/emails.py"):
        assert not (ROOT / gone).exists()
