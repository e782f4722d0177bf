"""Reactions, thanks, reports and the neighbourhood moderators."""

import pytest
from django.core import mail
from django.urls import reverse

from feed.models import Post, Reaction, Report, Status, Thanks
from tests.factories.feed import PostFactory, ReactionFactory
from tests.factories.neighbourhoods import member

pytestmark = pytest.mark.django_db


def test_a_member_reacts_and_everyone_in_the_neighbourhood_sees_it(login, alice, bob):
    post = PostFactory(author=alice, title="Je prête une échelle")
    response = login(bob).post(reverse("feed:react", args=[post.pk]), {"body": "Super, merci !"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.reaction_count == 1
    html = login(alice).get(reverse("feed:post", args=[post.pk])).content.decode()
    assert "Super, merci !" in html and "Bob R." in html


def test_an_empty_or_overlong_reaction_is_refused(login, alice, bob):
    post = PostFactory(author=alice)
    client = login(bob)
    response = client.post(reverse("feed:react", args=[post.pk]), {"body": "x" * 2001})
    assert response.status_code == 400
    assert "au maximum 2000 caractères" in response.content.decode()
    response = client.post(reverse("feed:react", args=[post.pk]), {"body": "   "})
    assert response.status_code == 400
    assert not Reaction.objects.exists()


def test_the_author_edits_and_deletes_their_reaction_only(login, alice, bob):
    post = PostFactory(author=alice)
    reaction = ReactionFactory(post=post, author=bob)
    assert (
        login(alice)
        .post(reverse("feed:reaction_edit", args=[reaction.pk]), {"body": "piraté"})
        .status_code
        == 403
    )
    assert login(alice).post(reverse("feed:reaction_delete", args=[reaction.pk])).status_code == 403
    client = login(bob)
    client.post(reverse("feed:reaction_edit", args=[reaction.pk]), {"body": "Corrigé"})
    reaction.refresh_from_db()
    assert "Corrigé" in reaction.body and reaction.edited_at is not None
    client.post(reverse("feed:reaction_delete", args=[reaction.pk]))
    assert not Reaction.objects.exists()
    post.refresh_from_db()
    assert post.reaction_count == 0


def test_thanks_count_once_per_person(login, alice, bob):
    post = PostFactory(author=alice)
    client = login(bob)
    client.post(reverse("feed:thank", args=[post.pk]))
    response = client.post(reverse("feed:thank", args=[post.pk]), follow=True)
    assert "Vous avez déjà remercié" in response.content.decode()
    assert Thanks.objects.count() == 1
    post.refresh_from_db()
    assert post.thanks_count == 1


def test_nobody_thanks_their_own_post(login, alice):
    post = PostFactory(author=alice)
    login(alice).post(reverse("feed:thank", args=[post.pk]))
    assert not Thanks.objects.exists()


def _report(client, url):
    return client.post(url, {"reason": "rude", "details": "Propos blessants"})


def test_reports_hide_a_post_after_n_and_a_moderator_restores_it(login, alice, moderator, hoods):
    post = PostFactory(author=alice, title="Message signalé")
    reporters = [member(neighbourhood=hoods[0]) for _ in range(3)]
    url = reverse("feed:post_report", args=[post.pk])
    for reporter in reporters[:2]:
        assert _report(login(reporter), url).status_code == 302
    post.refresh_from_db()
    assert (post.status, post.report_count) == (Status.VISIBLE, 2)
    # The same person reporting twice counts once.
    _report(login(reporters[0]), url)
    post.refresh_from_db()
    assert post.report_count == 2
    with pytest.MonkeyPatch.context():
        from django.test import TestCase

        with TestCase.captureOnCommitCallbacks(execute=True):
            _report(login(reporters[2]), url)
    post.refresh_from_db()
    assert post.status == Status.HIDDEN
    # The author is told, in their language.
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [alice.email]
    assert "masqué" in mail.outbox[0].subject
    # Hidden: gone from the feed and the post page for neighbours, still visible to its author.
    assert (
        "Message signalé"
        not in login(reporters[0]).get("/fil/quartier/mons-centre/").content.decode()
    )
    assert login(reporters[0]).get(reverse("feed:post", args=[post.pk])).status_code == 404
    author_view = login(alice).get(reverse("feed:post", args=[post.pk])).content.decode()
    assert "masqué" in author_view
    # The moderator finds it in the queue and restores it.
    queue = login(moderator).get("/fil/quartier/mons-centre/moderation/").content.decode()
    assert "Message signalé" in queue
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = login(moderator).post(
            reverse("feed:moderate", args=["message", post.pk, "restore"])
        )
    assert response.status_code == 302
    post.refresh_from_db()
    assert (post.status, post.report_count) == (Status.VISIBLE, 0)
    assert Report.objects.filter(resolved_at__isnull=True).count() == 0
    assert len(mail.outbox) == 2 and "visible" in mail.outbox[1].subject


def test_a_moderator_removes_a_hidden_reaction(login, alice, bob, moderator, hoods, settings):
    settings.FEED_REPORTS_TO_HIDE = 1
    post = PostFactory(author=alice)
    reaction = ReactionFactory(post=post, author=bob, body="<p>Insulte</p>")
    _report(login(alice), reverse("feed:reaction_report", args=[reaction.pk]))
    reaction.refresh_from_db()
    post.refresh_from_db()
    assert reaction.status == Status.HIDDEN and post.reaction_count == 0
    assert (
        "Insulte"
        not in login(member(neighbourhood=hoods[0]))
        .get(reverse("feed:post", args=[post.pk]))
        .content.decode()
    )
    login(moderator).post(reverse("feed:moderate", args=["reaction", reaction.pk, "remove"]))
    reaction.refresh_from_db()
    assert reaction.status == Status.REMOVED
    assert "Insulte" not in login(bob).get(reverse("feed:post", args=[post.pk])).content.decode()


def test_members_who_are_not_moderators_cannot_moderate(login, alice, bob):
    post = PostFactory(author=alice, status=Status.HIDDEN)
    assert login(bob).get("/fil/quartier/mons-centre/moderation/").status_code == 403
    response = login(bob).post(reverse("feed:moderate", args=["message", post.pk, "remove"]))
    assert response.status_code == 404  # a hidden post does not exist for other members
    post.refresh_from_db()
    assert post.status == Status.HIDDEN


def test_nobody_reports_their_own_post(login, alice):
    post = PostFactory(author=alice)
    response = _report(login(alice), reverse("feed:post_report", args=[post.pk]))
    assert "Vous ne pouvez pas signaler" in response.content.decode()
    assert not Report.objects.exists()


def test_a_member_of_another_neighbourhood_gets_404_for_everything(login, alice, outsider):
    post = PostFactory(author=alice)
    reaction = ReactionFactory(post=post, author=alice)
    client = login(outsider)
    for url in (
        reverse("feed:post", args=[post.pk]),
        reverse("feed:post_edit", args=[post.pk]),
        reverse("feed:post_report", args=[post.pk]),
        reverse("feed:image", args=[post.pk]),
        reverse("feed:reaction_edit", args=[reaction.pk]),
        reverse("feed:reaction_report", args=[reaction.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("feed:react", args=[post.pk]), {"body": "x"}).status_code == 404
    assert client.post(reverse("feed:thank", args=[post.pk])).status_code == 404
    assert Post.objects.get().reaction_count == 1
