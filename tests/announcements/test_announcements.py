import pytest
from django.core import mail
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from announcements import services
from announcements.models import AnnouncementMailing, AnnouncementPage, AnnouncementReply
from neighbourhoods.registry import city_items_for
from tests.factories.announcements import announcement
from tests.factories.neighbourhoods import NeighbourhoodFactory, hub_page, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(neighbourhoods):
    a, b = neighbourhoods
    c = NeighbourhoodFactory(code="hyon", name="Hyon")
    hub_page(neighbourhood=c)
    return a, b, c


def test_shown_on_the_hubs_it_addresses_only(client, three):
    a, b, c = three
    announcement(neighbourhoods=[a, b], title="Travaux place du Parc")
    assert "Travaux place du Parc" in client.get("/mons-centre/").content.decode()
    assert "Travaux place du Parc" in client.get("/jemappes/").content.decode()
    assert "Travaux place du Parc" not in client.get("/hyon/").content.decode()


def test_all_neighbourhoods_reaches_every_hub_and_is_marked_from_the_city(client, three):
    announcement(all_neighbourhoods=True, title="Collecte des encombrants")
    body = client.get("/hyon/").content.decode()
    assert "Collecte des encombrants" in body
    assert "Ville de Mons" in body


def test_feed_items_come_from_the_city(three):
    a, b, c = three
    announcement(neighbourhoods=[a], title="Nouveau marché")
    items = city_items_for(neighbourhood=a)
    assert [i.title for i in items] == ["Nouveau marché"]
    assert "Ville de Mons" in items[0].label
    assert city_items_for(neighbourhood=c) == []


def test_drafts_are_not_shown(client, three):
    a, _, _ = three
    announcement(neighbourhoods=[a], title="Brouillon secret", publish=False)
    assert "Brouillon secret" not in client.get("/mons-centre/").content.decode()


def test_member_replies_and_the_reply_is_sanitised(client, three):
    a, _, _ = three
    page = announcement(neighbourhoods=[a])
    resident = member(neighbourhood=a)
    client.force_login(resident)
    response = client.post(
        f"/annonces/{page.pk}/repondre/",
        {"body": "Merci <script>alert(1)</script><b>bien</b> <a href='x'>lien</a>"},
        follow=True,
    )
    assert "Merci : votre réponse a été transmise à la Ville." in response.content.decode()
    reply = AnnouncementReply.objects.get()
    assert "<script" not in reply.body and "<a" not in reply.body
    assert "<b>bien</b>" in reply.body


def test_empty_reply_is_refused_with_a_message(client, three):
    a, _, _ = three
    page = announcement(neighbourhoods=[a])
    client.force_login(member(neighbourhood=a))
    response = client.post(f"/annonces/{page.pk}/repondre/", {"body": "   "})
    assert response.status_code == 400
    assert "Il y a un problème" in response.content.decode()
    assert not AnnouncementReply.objects.exists()


@pytest.mark.parametrize(
    "role", ["member of B", "Communications officers", "superuser", "pending resident"]
)
def test_only_members_of_addressed_neighbourhoods_reply(
    client_for, users_by_role, neighbourhoods, role
):
    a, _ = neighbourhoods
    page = announcement(neighbourhoods=[a])
    client_for(role).post(f"/annonces/{page.pk}/repondre/", {"body": "Bonjour"})
    assert not AnnouncementReply.objects.exists()


def test_staff_read_replies_with_the_display_name_only(client_for, users_by_role, neighbourhoods):
    a, _ = neighbourhoods
    officer = users_by_role["Communications officers"]
    page = announcement(neighbourhoods=[a], title="Sécurité aux abords de l'école", owner=officer)
    resident = users_by_role["member of A"]
    services.reply_create(announcement=page, user=resident, body="Il faut un passage piéton")
    body = (
        client_for("Communications officers").get("/admin/announcements/replies/").content.decode()
    )
    assert "Il faut un passage piéton" in body
    assert resident.public_name in body
    assert resident.email not in body


def test_officers_see_replies_to_their_own_announcements_only(
    client_for, users_by_role, neighbourhoods
):
    from tests.factories.accounts import staff_user

    a, _ = neighbourhoods
    colleague = staff_user("Communications officers")
    page = announcement(neighbourhoods=[a], owner=colleague)
    services.reply_create(announcement=page, user=users_by_role["member of A"], body="Pour toi")
    body = (
        client_for("Communications officers").get("/admin/announcements/replies/").content.decode()
    )
    assert "Pour toi" not in body
    assert (
        "Pour toi" in client_for("superuser").get("/admin/announcements/replies/").content.decode()
    )


@pytest.mark.parametrize(
    "role",
    ["Newsletter editors", "Participation staff", "Verification staff", "member of A", "anonymous"],
)
def test_other_roles_cannot_read_replies(client_for, role):
    response = client_for(role).get("/admin/announcements/replies/")
    assert response.status_code in (302, 403)


def test_preferences_page_opt_in_and_out(client, neighbourhoods):
    a, _ = neighbourhoods
    resident = member(neighbourhood=a)
    client.force_login(resident)
    assert client.get("/annonces/preferences/").status_code == 200
    # The opt-in is the "city" kind of the resident's notification choices.
    from notifications.selectors import channel_of

    client.post("/annonces/preferences/", {"opted_in": "on"})
    assert channel_of(user=resident, kind="city") == "immediate"
    client.post("/annonces/preferences/", {})
    assert channel_of(user=resident, kind="city") == "weekly"


def test_email_goes_once_to_opted_in_members_of_addressed_neighbourhoods(three):
    a, b, c = three
    yes_a, yes_c = member(neighbourhood=a), member(neighbourhood=c)
    member(neighbourhood=a)  # not opted in
    for user in (yes_a, yes_c):
        services.city_message_preference_set(user=user, opted_in=True)
    page = announcement(neighbourhoods=[a, b], email_members=True, title="Coupure d'eau")
    mail.outbox.clear()
    assert services.announcement_email_members(announcement_id=page.pk) == 1
    assert [m.to for m in mail.outbox] == [[yes_a.email]]
    assert "Coupure d'eau" in mail.outbox[0].subject
    assert mail.outbox[0].alternatives
    # Publishing again (or the task running twice) sends nothing more.
    assert services.announcement_email_members(announcement_id=page.pk) == 0
    assert AnnouncementMailing.objects.count() == 1
    assert len(mail.outbox) == 1


def test_publishing_with_email_queues_the_mailing_task(
    neighbourhoods, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    a, _ = neighbourhoods
    with django_capture_on_commit_callbacks(execute=True):
        page = announcement(neighbourhoods=[a], email_members=True)
    task = DBTaskResult.objects.get(task_path__endswith="announcement_email_task")
    assert task.args_kwargs["kwargs"] == {"announcement_id": page.pk}


def test_officer_can_open_the_announcement_editor(client_for, users_by_role, neighbourhoods):
    from tests.factories.announcements import news_index

    index = news_index()
    officer = client_for("Communications officers")
    response = officer.get(f"/admin/pages/add/announcements/announcementpage/{index.pk}/")
    assert response.status_code == 200
    assert "Mons-Centre" in response.content.decode()  # the neighbourhood checkboxes


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=st.text(max_size=2500))
def test_fuzz_reply_form(client, neighbourhoods, body):
    a, _ = neighbourhoods
    page = AnnouncementPage.objects.first() or announcement(neighbourhoods=[a])
    resident = member(neighbourhood=a) if not AnnouncementReply.objects.exists() else None
    if resident is None:
        from django.contrib.auth import get_user_model

        resident = get_user_model().objects.filter(memberships__isnull=False).first()
    client.force_login(resident)
    before = AnnouncementReply.objects.count()
    response = client.post(f"/annonces/{page.pk}/repondre/", {"body": body})
    assert response.status_code in (302, 400)
    after = AnnouncementReply.objects.count()
    assert after == before + (1 if response.status_code == 302 else 0)
    if response.status_code == 302:
        assert "<script" not in AnnouncementReply.objects.order_by("-id").first().body
