"""Faults on the production stack (private PostgreSQL and Redis; see conftest.py): the database
restarts under load, Redis goes away. The web processes are never restarted."""

import threading
import time

import pytest

from .stack import Client

pytestmark = [pytest.mark.postgres]


def _posts(stack):
    rows = stack.pg.psql(
        "SELECT title || chr(9) || body FROM feed_post WHERE title LIKE 'charge %'",
        db="portal_stack",
    )
    return [tuple(line.split("\t", 1)) for line in rows.splitlines() if line]


def test_postgres_restart_under_load_recovers_without_restarting_web(web_stack):
    web = web_stack.web(workers=2, threads=4)
    seed, code = web_stack.seed, web_stack.seed["code"]
    member = Client(web.base)
    assert member.login("resident@stack.test", seed["password"]).status == 302
    results, stop = [], threading.Event()

    def load(n):  # bounded: 3 clients, each one hub view and one post at a time, ~12 s
        client = Client(web.base, dict(member.cookies))
        i = 0
        while not stop.is_set():
            i += 1
            title = f"charge {n}-{i}"
            for kind, call in (
                ("hub", lambda: client.get(seed["hub_url"], timeout=20)),
                (
                    "post",
                    lambda t=title: client.post(
                        f"/fil/quartier/{code}/publier/",
                        {"category": "idea", "title": t, "body": f"corps de {t}"},
                        timeout=20,
                    ),
                ),
            ):
                started = time.monotonic()
                try:
                    outcome = call().status
                except Exception as error:  # noqa: BLE001 (a cut connection is an outcome)
                    outcome = type(error).__name__
                results.append((started, time.monotonic(), kind, title, outcome))

    threads = [threading.Thread(target=load, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(3)
        down_at = time.monotonic()
        web_stack.pg.restart(mode="immediate")  # every connection is cut, like a crash
        up_at = time.monotonic()
        time.sleep(6)
    finally:
        stop.set()
        for thread in threads:
            thread.join(60)

    ok = {"hub": 200, "post": 302}
    succeeded = lambda r: r[4] == ok[r[2]]  # noqa: E731
    before = [r for r in results if r[1] < down_at]  # done before the restart began
    after = [r for r in results if r[0] > up_at + 0.5]  # begun once it was back
    failed = [r for r in results if not succeeded(r)]
    assert before and all(map(succeeded, before)), before
    assert len(after) >= 6, "too few requests after the restart to judge"
    assert [r for r in after if not succeeded(r)] == []
    # The same gunicorn master, never restarted; and it still answers now.
    assert web.proc.poll() is None
    assert member.get(seed["hub_url"]).status == 200

    # No half-written post: every stored post is whole, every acknowledged one is stored once.
    stored = _posts(web_stack)
    titles = [title for title, _body in stored]
    assert len(titles) == len(set(titles))
    for title, body in stored:
        assert f"corps de {title}" in body
    acknowledged = {r[3] for r in results if r[2] == "post" and r[4] == 302}
    assert acknowledged <= set(titles)
    print(
        f"\nPostgreSQL restart under load: {len(results)} requests, {len(failed)} failed "
        f"(all in flight or begun while it was down: {sorted({str(r[4]) for r in failed})}), "
        f"{len(after)} after the restart all succeeded; restart took {up_at - down_at:.1f}s; "
        f"{len(stored)} posts stored whole, {len(acknowledged)} acknowledged"
    )


def test_redis_down_site_serves_and_logins_fail_closed(web_stack):
    web = web_stack.web()
    seed, code = web_stack.seed, web_stack.seed["code"]
    member = Client(web.base)
    assert member.login("redis@stack.test", seed["password"]).status == 302

    web_stack.redis.stop()

    # The site still serves: public hub, member pages, writes (the cache reads as misses).
    assert Client(web.base).get(seed["hub_url"]).status == 200
    assert member.get(seed["hub_url"]).status == 200
    assert member.get(f"/fil/quartier/{code}/").status == 200
    posted = member.post(
        f"/fil/quartier/{code}/publier/",
        {"category": "question", "title": "Sans Redis", "body": "Le site tient."},
    )
    assert posted.status == 302
    ready = Client(web.base).get("/readyz")
    assert ready.status == 200
    assert ready.json()["checks"]["cache"]["status"] == "error"
    assert ready.json()["checks"]["database"]["status"] == "ok"

    # Login throttles cannot count: they refuse, even the right password (fail closed).
    assert Client(web.base).login("resident@stack.test", seed["password"]).status == 429
    assert Client(web.base).login("resident@stack.test", "wrong-password").status == 429
    assert any("fail closed" in line for line in web.log_lines())

    web_stack.redis.start()
    assert Client(web.base).login("resident@stack.test", seed["password"]).status == 302
