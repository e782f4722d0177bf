"""Arbitrary input to the feed's forms: never a 5xx, never a half-stored post or reaction."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from feed.models import Category, Post, Reaction, Report
from tests.factories.feed import PostFactory

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300
) | st.sampled_from(["", " ", "<script>alert(1)</script>", "\x00", "a" * 5000, "<p><ul><li>"])
category = st.sampled_from([*Category.values, "", "politics", "\x00"]) | text
files = st.none() | st.binary(max_size=2000).map(
    lambda b: SimpleUploadedFile("f.jpg", b, content_type="image/jpeg")
)


@FUZZ
@given(category=category, title=text, body=text, image=files, extra=text)
def test_post_form_never_fails_or_half_stores(login, alice, category, title, body, image, extra):
    client = login(alice)
    before = Post.objects.count()
    data = {"category": category, "title": title, "body": body, "unexpected": extra}
    if image is not None:
        data["image"] = image
    response = client.post("/fil/quartier/mons-centre/publier/", data)
    assert response.status_code < 500
    if response.status_code == 302:
        post = Post.objects.latest("id")
        assert post.title and post.body and "<script" not in post.body
        assert Post.objects.count() == before + 1
    else:
        assert Post.objects.count() == before


@FUZZ
@given(body=text, reason=text, details=text)
def test_reaction_and_report_forms_never_fail(login, alice, bob, body, reason, details):
    post = Post.objects.first() or PostFactory(author=alice)
    client = login(bob)
    before = Reaction.objects.count()
    response = client.post(f"/fil/messages/{post.pk}/reagir/", {"body": body})
    assert response.status_code < 500
    assert Reaction.objects.count() == before + (response.status_code == 302)
    reports = Report.objects.count()
    response = client.post(
        f"/fil/messages/{post.pk}/signaler/", {"reason": reason, "details": details}
    )
    assert response.status_code < 500
    assert Report.objects.count() in (reports, reports + 1)


@FUZZ
@given(cursor=text, category=text)
def test_feed_query_strings_never_fail(login, alice, cursor, category):
    response = login(alice).get(
        "/fil/quartier/mons-centre/", {"before": cursor, "category": category}
    )
    assert response.status_code == 200
