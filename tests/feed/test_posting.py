"""A member posts, edits and deletes in their neighbourhood feed; bad input is refused clearly."""

import pytest
from django.urls import reverse

from feed.models import Category, Post
from tests.factories.feed import PostFactory

pytestmark = pytest.mark.django_db

CREATE = "/fil/quartier/mons-centre/publier/"


def post_data(**overrides):
    data = {"category": "question", "title": "Un bon plombier ?", "body": "Bonjour à tous"}
    data.update(overrides)
    return data


@pytest.mark.parametrize("category", Category.values)
def test_a_member_posts_in_each_category_and_sees_it_in_the_feed(login, alice, category):
    client = login(alice)
    response = client.post(CREATE, post_data(category=category, title=f"Titre {category}"))
    post = Post.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("feed:post", args=[post.pk])
    assert (post.category, post.neighbourhood.code, post.author) == (category, "mons-centre", alice)
    assert post.household_id is not None
    feed = client.get("/fil/quartier/mons-centre/").content.decode()
    assert f"Titre {category}" in feed
    assert str(Category(category).label) in feed or Category(category).label


def test_the_feed_link_takes_a_member_to_their_own_neighbourhood(login, alice):
    response = login(alice).get("/fil/")
    assert response.status_code == 302
    assert response["Location"] == "/fil/quartier/mons-centre/"


def test_someone_not_yet_verified_is_sent_to_verification(login):
    from tests.factories.accounts import UserFactory

    response = login(UserFactory()).get("/fil/")
    assert response.status_code == 302
    assert response["Location"] == reverse("verification:start")


def test_html_and_script_in_a_post_are_sanitised(login, alice):
    body = (
        '<script>alert("x")</script><p onclick="evil()">Salut <strong>voisins</strong></p>'
        '<img src=x onerror=alert(1)><a href="javascript:alert(1)">clic</a>'
        '<a href="https://mons.be">Ville</a><iframe src="https://evil"></iframe>'
    )
    login(alice).post(CREATE, post_data(body=body, title="<b>Titre</b>"))
    post = Post.objects.get()
    assert "<script" not in post.body and "alert(" not in post.body
    assert "onclick" not in post.body and "<img" not in post.body and "<iframe" not in post.body
    assert "javascript:" not in post.body
    assert "<strong>voisins</strong>" in post.body
    assert 'href="https://mons.be"' in post.body and 'rel="nofollow' in post.body
    page = login(alice).get(reverse("feed:post", args=[post.pk])).content.decode()
    assert "&lt;b&gt;Titre&lt;/b&gt;" in page  # the title is plain text, shown escaped
    assert "<script>alert" not in page


def test_plain_text_line_breaks_become_paragraphs(login, alice):
    login(alice).post(CREATE, post_data(body="Ligne 1\nLigne 2\n\nParagraphe 2 & <3"))
    assert Post.objects.get().body == "<p>Ligne 1<br>Ligne 2</p><p>Paragraphe 2 &amp; &lt;3</p>"


def test_overlong_text_is_refused_with_a_clear_french_error(login, alice):
    response = login(alice).post(CREATE, post_data(body="a" * 4001, title="t" * 121))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ce texte est trop long : au maximum 4000 caractères (vous en avez écrit 4001)." in page
    assert "Ce titre est trop long : au maximum 120 caractères (vous en avez écrit 121)." in page
    assert "Il y a un problème" in page
    assert not Post.objects.exists()


def test_empty_or_markup_only_text_is_refused(login, alice):
    response = login(alice).post(CREATE, post_data(body="<script>x</script>", title="  "))
    page = response.content.decode()
    assert "Écrivez quelques mots." in page
    assert not Post.objects.exists()


def test_an_unknown_category_is_refused(login, alice):
    response = login(alice).post(CREATE, post_data(category="politics"))
    assert response.status_code == 200
    assert not Post.objects.exists()


def test_the_author_edits_their_post(login, alice):
    post = PostFactory(author=alice)
    client = login(alice)
    form = client.get(reverse("feed:post_edit", args=[post.pk]))
    assert form.status_code == 200
    response = client.post(
        reverse("feed:post_edit", args=[post.pk]),
        post_data(title="Titre corrigé", body="Nouveau texte", category="idea"),
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert (post.title, post.category, post.edited_at is not None) == (
        "Titre corrigé",
        "idea",
        True,
    )
    assert "modifié" in client.get(reverse("feed:post", args=[post.pk])).content.decode()


def test_only_the_author_may_edit_or_delete(login, alice, bob, moderator):
    post = PostFactory(author=alice)
    for other in (bob, moderator):
        client = login(other)
        assert client.get(reverse("feed:post_edit", args=[post.pk])).status_code == 403
        assert (
            client.post(reverse("feed:post_edit", args=[post.pk]), post_data()).status_code == 403
        )
        assert client.post(reverse("feed:post_delete", args=[post.pk])).status_code == 403
    post.refresh_from_db()
    assert post.title.startswith("Question de voisin")


def test_the_author_deletes_their_post(login, alice):
    post = PostFactory(author=alice)
    client = login(alice)
    assert client.get(reverse("feed:post_delete", args=[post.pk])).status_code == 200
    response = client.post(reverse("feed:post_delete", args=[post.pk]))
    assert response.status_code == 302
    assert not Post.objects.exists()
    assert client.get(reverse("feed:post", args=[post.pk])).status_code == 404


def test_pagination_with_no_posts(login, alice):
    page = login(alice).get("/fil/quartier/mons-centre/").content.decode()
    assert "Soyez le premier" in page or "Rien ici" in page
    assert "Messages plus anciens" not in page


def test_pagination_with_many_posts_walks_every_post_once(login, alice, outsider):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    same_moment = now - timedelta(days=1)
    posts = [
        PostFactory(
            author=alice,
            title=f"Message {i:03d}",
            created_at=same_moment if i % 7 == 0 else now - timedelta(minutes=i),
        )
        for i in range(53)
    ]
    PostFactory(author=outsider, title="Ailleurs")
    client = login(alice)
    seen, url, pages = [], "/fil/quartier/mons-centre/", 0
    import re

    while url:
        html = client.get(url).content.decode()
        seen += re.findall(r"Message \d{3}", html)
        pages += 1
        match = re.search(r'rel="next" href="([^"]+)"', html)
        url = "/fil/quartier/mons-centre/" + match.group(1).replace("&amp;", "&") if match else None
    assert pages == 3
    assert sorted(seen) == sorted(p.title for p in posts)
    assert len(seen) == len(set(seen))


def test_filter_by_category(login, alice):
    PostFactory(author=alice, title="Perdu un chat", category=Category.LOST_FOUND)
    PostFactory(author=alice, title="Apéro de rue", category=Category.ACTIVITY)
    html = login(alice).get("/fil/quartier/mons-centre/?category=lost_found").content.decode()
    assert "Perdu un chat" in html and "Apéro de rue" not in html


def test_a_malformed_cursor_shows_the_first_page(login, alice):
    PostFactory(author=alice, title="Premier message")
    for cursor in ("abc", "1.2.3", "99999999999999999999999.1", ""):
        response = login(alice).get(f"/fil/quartier/mons-centre/?before={cursor}")
        assert response.status_code == 200


def test_city_items_from_other_apps_appear_with_a_badge(login, alice, hoods):
    from django.utils import timezone

    from neighbourhoods import registry

    def source(*, neighbourhood, limit):
        return [
            registry.CityItem(
                kind="survey",
                label="Enquête",
                title="Enquête mobilité",
                url="/enquetes/1/",
                published_at=timezone.now(),
            )
        ]

    registry.register_city_items("test-feed", source)
    try:
        PostFactory(author=alice, title="Un message")
        html = login(alice).get("/fil/quartier/mons-centre/").content.decode()
    finally:
        registry._city_item_sources.pop("test-feed")
    assert "Enquête mobilité" in html and "De la Ville" in html
