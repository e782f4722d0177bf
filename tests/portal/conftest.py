import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from .stack import PY, ROOT, Gunicorn, PrivatePostgres, PrivateRedis, manage, stack_env


class Stack:
    """One private PostgreSQL and one private Redis, seeded, with collected static files; web
    processes are started per test (`stack.web()`) and stopped after it."""

    def __init__(self, pg, redis, static_root, log_dir, seed):
        self.pg, self.redis, self.static_root, self.log_dir = pg, redis, static_root, log_dir
        self.seed = seed
        self.database_url = pg.url("portal_stack")
        self.webs = []

    def env(self, **extra):
        return stack_env(
            database_url=self.database_url,
            redis_url=self.redis.url(),
            static_root=self.static_root,
            **extra,
        )

    def web(self, **kwargs):
        web = Gunicorn(self.env(), log_dir=self.log_dir, **kwargs).start()
        self.webs.append(web)
        return web

    def python(self, *args, timeout=120):
        done = subprocess.run(
            [PY, *args], cwd=ROOT, env=self.env(), capture_output=True, text=True, timeout=timeout
        )
        assert done.returncode == 0, f"{args} failed:\n{done.stderr[-3000:]}"
        return done.stdout

    def publish_announcement(self, title):
        out = self.python(
            "-m",
            "tests.portal.stack_seed",
            "publish",
            self.seed["code"],
            title,
            "officer@stack.test",
        )
        return json.loads(out.strip().splitlines()[-1])

    def stop_webs(self):
        for web in self.webs:
            web.stop()
        self.webs = []


@pytest.fixture(scope="session")
def stack():
    """A fresh database migrated by `manage.py migrate` with the production settings (as
    `run.py serve setup` does), static files collected at the same time."""
    pg = PrivatePostgres().init().start()
    redis = PrivateRedis().start()
    work = Path(tempfile.mkdtemp(prefix="portal-stack-"))
    try:
        pg.psql("CREATE DATABASE portal_stack")
        stack = Stack(pg, redis, work / "static", work, seed=None)
        env = stack.env()
        static = subprocess.Popen(
            [PY, "manage.py", "collectstatic", "--noinput", "-v", "0"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        manage(env, "migrate", "--noinput", "-v", "0", timeout=900)
        manage(env, "createcachetable")
        assert static.wait(600) == 0, static.stderr.read()
        stack.seed = json.loads(stack.python("-m", "tests.portal.stack_seed").splitlines()[-1])
        yield stack
        stack.stop_webs()
    finally:
        redis.stop()
        pg.destroy()
        shutil.rmtree(work, ignore_errors=True)


@pytest.fixture
def web_stack(stack):
    stack.redis.flush()
    yield stack
    stack.stop_webs()
    if not stack.redis.ping():
        stack.redis.start()
