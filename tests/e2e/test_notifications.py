"""In French, in a real browser: A posts, B reacts, A is told (badge, list, e-mail), B writes to
A from the post and A answers; then the real worker sends the weekly digest to the members of
that neighbourhood — not to another neighbourhood, not to staff."""

import re
import signal
import subprocess

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_the_neighbourhood_loop(page, browser, live_server, tmp_path):
    from notifications.models import DigestDelivery, Period
    from notifications.tasks import digest_task
    from tests.factories.accounts import PASSWORD, staff_user, superuser
    from tests.factories.neighbourhoods import NeighbourhoodFactory, hub_page, member
    from tests.newsletters.test_worker_kill import messages_on_file, wait_for
    from tests.notifications.test_digest_worker_kill import start_worker

    centre = NeighbourhoodFactory(code="mons-centre", name="Mons-Centre")
    jemappes = NeighbourhoodFactory(code="jemappes", name="Jemappes")
    hub_page(neighbourhood=centre)
    hub_page(neighbourhood=jemappes)
    alice = member(neighbourhood=centre, email="alice@example.be", display_name="Alice M.")
    bob = member(neighbourhood=centre, email="bob@example.be", display_name="Bob R.")
    carol = member(neighbourhood=centre, email="carol@example.be", display_name="Carole D.")
    berthe = member(neighbourhood=jemappes, email="berthe@example.be", display_name="Berthe J.")
    staff_resident = member(neighbourhood=centre, email="agent@example.be")
    staff_resident.is_staff = True
    staff_resident.save()
    officer = staff_user("Communications officers", email="officer@example.be")
    admin = superuser(email="admin@example.be")

    # A posts.
    login(page, email=alice.email, password=PASSWORD)
    page.goto("/fil/")
    page.get_by_role("link", name="Publier un message").click()
    page.get_by_label("Prêt et partage").check()
    page.get_by_label("Titre").fill("Je prête une échelle")
    page.get_by_label("Message", exact=False).first.fill("Elle fait 3 mètres.")
    page.get_by_role("button", name="Publier").click()
    page.get_by_text("Votre message est en ligne").wait_for()
    expect(page.get_by_role("link", name=re.compile("^Notifications"))).to_have_text(
        "Notifications"
    )

    # B reacts, then writes to the author from the post.
    other = browser.new_context(locale="fr-BE", base_url=live_server.url)
    try:
        tab = other.new_page()
        login(tab, email=bob.email, password=PASSWORD)
        tab.goto("/fil/")
        tab.get_by_role("link", name="Je prête une échelle").first.click()
        tab.get_by_label("Votre réaction").fill("Super, je passe samedi !")
        tab.get_by_role("button", name="Réagir").click()
        tab.get_by_text("Votre réaction a été ajoutée").wait_for()

        # A sees the unread count, opens the list and the notification; and got the e-mail.
        page.reload()
        badge = page.get_by_role("link", name=re.compile("^Notifications"))
        expect(badge).to_contain_text("1")
        expect(badge).to_contain_text("non lues")
        emails = [m for m in mail.outbox if m.to == [alice.email]]
        assert len(emails) == 1
        assert emails[0].subject.startswith("Bob R. a réagi à votre message « Je prête une")
        assert "Super, je passe samedi" not in emails[0].body  # no post text by e-mail
        badge.click()
        notification = page.get_by_role("link", name=re.compile("Bob R. a réagi"))
        notification.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Je prête une échelle")
        expect(page.get_by_role("link", name=re.compile("^Notifications"))).to_have_text(
            "Notifications"
        )

        tab.get_by_role("link", name="Écrire à l'auteur").click()
        tab.get_by_label("Votre message").fill("Bonjour Alice, l'échelle est libre samedi ?")
        tab.get_by_role("button", name="Envoyer").click()
        tab.get_by_text("Votre message est envoyé").wait_for()

        # A answers B in that conversation, reached from the notification.
        page.reload()
        page.get_by_role("link", name=re.compile("^Notifications")).click()
        page.get_by_role("link", name=re.compile("Bob R. vous a écrit")).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Conversation avec Bob R.")
        expect(page.get_by_text("l'échelle est libre samedi ?")).to_be_visible()
        page.get_by_label("Votre message").fill("Oui, passez à 10 h.")
        page.get_by_role("button", name="Envoyer").click()
        page.get_by_text("Votre message est envoyé").wait_for()
        tab.goto("/notifications/")
        tab.get_by_role("link", name=re.compile("Alice M. vous a écrit")).click()
        expect(tab.get_by_text("Oui, passez à 10 h.")).to_be_visible()
    finally:
        other.close()

    # The weekly digest, sent by the real worker.
    digest_task.enqueue(period=Period.WEEKLY, reschedule=False)
    worker = start_worker(tmp_path)
    try:
        wait_for(
            lambda: (
                DigestDelivery.objects.exists()
                and not DigestDelivery.objects.filter(status="pending").exists()
            ),
            90,
            "the digest run",
        )
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(15)
        except subprocess.TimeoutExpired:
            worker.kill()
    on_file = messages_on_file(tmp_path)
    assert carol.email in on_file and on_file[carol.email] == 1
    assert set(on_file) == {alice.email, bob.email, carol.email}
    for never in (berthe, staff_resident, officer, admin):
        assert never.email not in on_file
