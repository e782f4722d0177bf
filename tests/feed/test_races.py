"""Concurrency on PostgreSQL: thanks once per person, reports counted exactly."""

import threading

import pytest
from django.db import connection

from feed.models import Post, Report, Status, Thanks
from feed.services import report_create, thanks_give
from tests.factories.feed import PostFactory
from tests.factories.neighbourhoods import NeighbourhoodFactory, member

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
THREADS = 20


def _race(target):
    barrier = threading.Barrier(THREADS)
    results, errors = [], []

    def run(index):
        try:
            barrier.wait()
            results.append(target(index))
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, errors


def test_twenty_simultaneous_thanks_from_one_person_count_once():
    hood = NeighbourhoodFactory()
    post = PostFactory(author=member(neighbourhood=hood))
    fan = member(neighbourhood=hood)
    results, errors = _race(lambda i: thanks_give(post=Post.objects.get(pk=post.pk), user=fan))
    assert not errors
    assert sorted(results) == [False] * (THREADS - 1) + [True]
    assert Thanks.objects.count() == 1
    assert Post.objects.get(pk=post.pk).thanks_count == 1


def test_twenty_simultaneous_reports_are_all_counted_and_hide_once(settings):
    settings.FEED_REPORTS_TO_HIDE = 3
    hood = NeighbourhoodFactory()
    post = PostFactory(author=member(neighbourhood=hood))
    reporters = [member(neighbourhood=hood) for _ in range(THREADS)]
    results, errors = _race(
        lambda i: report_create(
            reporter=reporters[i], post=Post.objects.get(pk=post.pk), reason="spam"
        )
    )
    assert not errors and all(results)
    post.refresh_from_db()
    assert (post.report_count, post.status) == (THREADS, Status.HIDDEN)
    assert Report.objects.count() == THREADS
