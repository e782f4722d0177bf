"""Locust users for bench/bench_locust.py (run it, not this file, unless you know the host).

Residents (weight 3) sign in once, then: hub, a feed page, post, react, open a survey, vote (walk
the survey's or the budget round's steps, choosing the first option). Visitors (weight 2) read
public pages. A third user class hits a bare Django view through the same stack: the baseline.
The target is given with --host; bench_locust.py writes the accounts and URLs to LOCUST_PLAN.
"""

import itertools
import json
import os
import random
import re
from html.parser import HTMLParser

from locust import HttpUser, between, tag, task

PLAN = json.loads(open(os.environ["LOCUST_PLAN"]).read())  # noqa: SIM115
_accounts = itertools.cycle(PLAN["residents"])
HEADERS = {"X-Forwarded-Proto": "https"}


class _Forms(HTMLParser):
    """The page's POST forms: action, and the fields a person would fill (first choice)."""

    def __init__(self):
        super().__init__()
        self.forms, self._form, self._select = [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "option" and self._form is not None and self._select:
            if a.get("value") and self._select not in self._form["fields"]:
                self._form["fields"][self._select] = a["value"]
            return
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._form = {"action": a.get("action") or "", "fields": {}, "chosen": set()}
            self.forms.append(self._form)
        elif self._form is None or "name" not in a:
            return
        elif tag == "input":
            kind, name = (a.get("type") or "text").lower(), a["name"]
            if kind in {"radio", "checkbox"}:
                if name not in self._form["chosen"]:
                    self._form["chosen"].add(name)
                    self._form["fields"][name] = a.get("value", "on")
            elif kind not in {"submit", "button", "file", "image", "reset"}:
                self._form["fields"].setdefault(name, a.get("value") or "3")
        elif tag == "textarea":
            self._form["fields"].setdefault(a["name"], "Proposition du banc d'essai.")
        elif tag == "select":
            self._select = a["name"]
        elif tag == "button" and a.get("value") is not None and a["name"] != "wizard_goto_step":
            self._form["fields"].setdefault(a["name"], a["value"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def main_form(html, path):
    parser = _Forms()
    parser.feed(html)
    for form in parser.forms:
        if form["action"] in ("", path, "."):
            return form["fields"]
    return None


class Resident(HttpUser):
    weight = 3
    wait_time = between(1, 3)

    def on_start(self):
        self.account = next(_accounts)
        self.client.get("/compte/connexion/", headers=HEADERS, name="login page")
        with self.client.post(
            "/compte/connexion/",
            {
                "username": self.account["email"],
                "password": PLAN["password"],
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
            },
            headers={**HEADERS, "Referer": self.host.replace("http://", "https://", 1) + "/"},
            name="sign in",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code == 302:
                response.success()
            else:
                response.failure(f"not signed in: status {response.status_code}")
        self.posts = []

    def _post(self, path, data, name):
        data = {**data, "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")}
        with self.client.post(
            path,
            data,
            headers={**HEADERS, "Referer": self.host.replace("http://", "https://", 1) + path},
            name=name,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code in (200, 302, 303):
                response.success()
            else:
                response.failure(f"status {response.status_code}")
            return response

    @tag("resident")
    @task(6)
    def hub(self):
        self.client.get(self.account["hub"], headers=HEADERS, name="resident: hub")

    @tag("resident")
    @task(4)
    def feed_page(self):
        page = random.choice([1, 1, 2, 3])
        response = self.client.get(
            f"/fil/quartier/{self.account['code']}/?page={page}",
            headers=HEADERS,
            name="resident: feed page",
        )
        self.posts = re.findall(r"/fil/messages/(\d+)/", response.text) or self.posts

    @tag("resident")
    @task(1)
    def post(self):
        self._post(
            f"/fil/quartier/{self.account['code']}/publier/",
            {"category": "idea", "title": "Banc d'essai", "body": "Un message de charge."},
            "resident: post",
        )

    @tag("resident")
    @task(2)
    def react(self):
        if not self.posts:
            return self.feed_page()
        pk = random.choice(self.posts)
        self._post(f"/fil/messages/{pk}/reagir/", {"body": "Merci !"}, "resident: react")

    @tag("resident")
    @task(2)
    def open_survey(self):
        self.client.get(PLAN["survey"], headers=HEADERS, name="resident: open survey")

    @tag("resident")
    @task(1)
    def vote(self):
        """Walk the survey (or budget) steps like a person: first choice, next, until done."""
        path = PLAN["vote"]
        page = self.client.get(path, headers=HEADERS, name="resident: vote (open)")
        for _step in range(8):
            fields = main_form(page.text, path)
            if fields is None:
                return  # thanked, or already voted: nothing more to fill
            response = self._post(path, fields, "resident: vote (submit step)")
            if response.status_code not in (302, 303):
                page = response  # the wizard shows the next step (or the errors) in place
                continue
            location = response.headers.get("Location", "")
            if not location or "merci" in location or "thank" in location:
                return
            path = location.replace(self.host, "")
            page = self.client.get(path, headers=HEADERS, name="resident: vote (next page)")


class Visitor(HttpUser):
    weight = 2
    wait_time = between(1, 3)

    @tag("visitor")
    @task(3)
    def home(self):
        self.client.get("/", headers=HEADERS, name="visitor: home")

    @tag("visitor")
    @task(4)
    def hub(self):
        self.client.get(random.choice(PLAN["hubs"]), headers=HEADERS, name="visitor: hub")

    @tag("visitor")
    @task(2)
    def news(self):
        self.client.get(PLAN["news"], headers=HEADERS, name="visitor: news")

    @tag("visitor")
    @task(1)
    def survey(self):
        self.client.get(PLAN["survey"], headers=HEADERS, name="visitor: survey")

    @tag("visitor")
    @task(1)
    def sign_in_page(self):
        self.client.get("/compte/connexion/", headers=HEADERS, name="visitor: sign-in page")


class Bare(HttpUser):
    """The baseline: a view that returns "ok" through the same middleware, gunicorn, database
    connection handling and Redis (sessions and cache untouched)."""

    weight = 1
    wait_time = between(1, 3)

    @tag("bare")
    @task
    def bare(self):
        self.client.get("/bench/bare/", headers=HEADERS, name="bare Django view")
