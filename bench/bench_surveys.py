"""Survey results at scale: 50,000 responses x 20 questions.

Measures, in the same run and on the same data:
  * the staff results page (server time, Django test client, median of 3) against the same report
    computed the way Wagtail's documented results recipe does it (a Python loop over every
    FormSubmission.form_data);
  * peak memory of the CSV and XLSX exports (each in a fresh subprocess: tracemalloc peak and
    the process's max RSS), against a naive export that loads every submission first.

Run:  DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_surveys_bench \
      .venv/bin/python bench/bench_surveys.py [--responses 50000]
The database is migrated if needed; the bench survey is re-created on every run.
"""

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_surveys_bench")

QUESTIONS = [
    ("radio", "A\nB\nC\nD\nE"),
    ("yes_no", ""),
    ("scale", ""),
    ("checkboxes", "P\nQ\nR\nS\nT"),
    ("number", ""),
    ("for_against", ""),
    ("dropdown", "U\nV\nW\nX"),
    ("scale", ""),
    ("multiline", ""),
    ("step_break", ""),
    ("radio", "A\nB\nC"),
    ("yes_no", ""),
    ("ranking", "K\nL\nM\nN"),
    ("scale", ""),
    ("checkboxes", "F\nG\nH"),
    ("number", ""),
    ("singleline", ""),
    ("for_against", ""),
    ("dropdown", "Y\nZ"),
    ("scale", ""),
    ("multiline", ""),
]


def setup():
    import django

    django.setup()


def ensure_database():
    from django.core.management import call_command
    from django.db import connection

    if "postgres" in os.environ["DATABASE_URL"]:
        import psycopg

        url = os.environ["DATABASE_URL"]
        base, name = url.rsplit("/", 1)
        with psycopg.connect(base + "/postgres", autocommit=True) as conn:
            if not conn.execute("select 1 from pg_database where datname=%s", [name]).fetchone():
                conn.execute(f'create database "{name}"')
    call_command("migrate", verbosity=0)
    connection.close()


def build(responses: int):
    from django.db import connection
    from django.utils import timezone
    from wagtail.contrib.forms.models import FormSubmission
    from wagtail.models import Page

    from neighbourhoods.models import Neighbourhood
    from surveys.models import Answer, SurveyField, SurveyPage, SurveyResponse

    rng = random.Random(2026)
    SurveyPage.objects.filter(slug="bench-survey").delete()
    hoods = [
        Neighbourhood.objects.get_or_create(code=f"bench-{i}", defaults={"name": f"Bench {i}"})[0]
        for i in range(16)
    ]
    home = Page.objects.get(depth=2).specific
    page = SurveyPage(
        title="Bench survey", slug="bench-survey", results_public=True, all_neighbourhoods=True
    )
    for index, (kind, options) in enumerate(QUESTIONS):
        page.survey_fields.add(
            SurveyField(
                sort_order=index,
                label=f"Question {index:02d} {kind}",
                field_type=kind,
                choices=options,
                required=False,
                min_value=0 if kind == "number" else None,
                max_value=1000 if kind == "number" else None,
            )
        )
    home.add_child(instance=page)
    page.save_revision().publish()
    page = SurveyPage.objects.get(pk=page.pk)
    questions = page.questions
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    started = time.perf_counter()
    batch = 5000
    for offset in range(0, responses, batch):
        size = min(batch, responses - offset)
        rows = SurveyResponse.objects.bulk_create(
            [
                SurveyResponse(
                    survey=page,
                    survey_key=page.translation_key,
                    neighbourhood=rng.choice(hoods),
                    language="fr",
                    submitted_at=now,
                )
                for _ in range(size)
            ]
        )
        answers, submissions = [], []
        for response in rows:
            form_data = {}
            for question in questions:
                base = {
                    "response": response,
                    "survey_key": page.translation_key,
                    "question": question.key,
                }
                keys = [k for k, _l in question.options]
                if question.type in ("radio", "yes_no", "for_against", "dropdown"):
                    choice = rng.choice(keys)
                    answers.append(Answer(**base, choice=choice))
                    form_data[question.key] = question.label_for(choice)
                elif question.type == "scale":
                    value = rng.randint(1, 10)
                    answers.append(Answer(**base, choice=str(value), number=value))
                    form_data[question.key] = value
                elif question.type == "checkboxes":
                    picks = rng.sample(keys, rng.randint(1, 2))
                    answers.extend(Answer(**base, choice=p, number=len(picks)) for p in picks)
                    form_data[question.key] = [question.label_for(p) for p in picks]
                elif question.type == "ranking":
                    rng.shuffle(keys)
                    answers.extend(
                        Answer(**base, choice=k, number=i + 1) for i, k in enumerate(keys)
                    )
                    form_data[question.key] = keys[:]
                elif question.type == "number":
                    value = rng.randint(0, 1000)
                    answers.append(Answer(**base, number=value))
                    form_data[question.key] = value
                else:
                    text = f"Remarque {rng.randint(0, 10**6)} sur le quartier"
                    answers.append(Answer(**base, text=text))
                    form_data[question.key] = text
            submissions.append(FormSubmission(page=page, form_data=form_data))
        Answer.objects.bulk_create(answers, batch_size=10000)
        FormSubmission.objects.bulk_create(submissions, batch_size=5000)
    if connection.vendor == "postgresql":  # what autovacuum does after a bulk load
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE surveys_answer")
            cursor.execute("VACUUM ANALYZE surveys_surveyresponse")
    rows_total = Answer.objects.filter(survey_key=page.translation_key).count()
    print(
        f"built {responses} responses, {rows_total} "
        f"answer rows + {responses} FormSubmissions in {time.perf_counter() - started:.0f}s"
    )
    return page


def wagtail_recipe_report(page):
    """The documented recipe: loop over every submission's form_data in Python."""
    from wagtail.contrib.forms.models import FormSubmission

    fields = {q.key: q for q in page.questions}
    counts, sums, answered = {}, {}, {}
    for submission in FormSubmission.objects.filter(page=page):
        data = submission.get_data()
        for key, question in fields.items():
            value = data.get(key)
            if value in (None, "", []):
                continue
            answered[key] = answered.get(key, 0) + 1
            if question.type in ("number", "scale"):
                sums[key] = sums.get(key, 0) + float(value)
            values = value if isinstance(value, list) else [value]
            bucket = counts.setdefault(key, {})
            for item in values:
                bucket[item] = bucket.get(item, 0) + 1
    return counts, {k: sums[k] / answered[k] for k in sums}


def time_it(fn, repeat=3):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def child(kind, page_id):
    """Runs one export in a fresh process and prints its memory figures."""
    setup()
    from django.test import Client
    from wagtail.contrib.forms.models import FormSubmission

    from accounts.models import User

    user, _ = User.objects.get_or_create(
        email="bench-admin@example.be", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client()
    client.force_login(user)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    started = time.perf_counter()
    size = 0
    if kind == "naive":
        import csv
        import io

        rows = [s.get_data() for s in FormSubmission.objects.filter(page_id=page_id)]
        out = io.StringIO()
        writer = csv.writer(out)
        for row in rows:
            writer.writerow(row.values())
        size = len(out.getvalue().encode())
    else:
        response = client.get(f"/admin/survey-results/{page_id}/export.{kind}")
        for chunk in response.streaming_content:
            size += len(chunk)
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"{peak / 2**20:.1f} {rss / 1024:.1f} {(rss - rss_before) / 1024:.1f} {size / 2**20:.1f} "
        f"{elapsed:.1f}"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=50_000)
    parser.add_argument("--child", nargs=2)
    parser.add_argument("--reuse", action="store_true", help="keep the data of the last run")
    args = parser.parse_args()
    if args.child:
        return child(args.child[0], int(args.child[1]))
    setup()
    ensure_database()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from surveys.models import SurveyPage

    existing = SurveyPage.objects.filter(slug="bench-survey").first()
    page = existing if (args.reuse and existing) else build(args.responses)
    user, _ = User.objects.get_or_create(
        email="bench-admin@example.be", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client()
    client.force_login(user)
    url = f"/admin/survey-results/{page.pk}/"
    assert client.get(url).status_code == 200  # warm-up
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    ours = time_it(lambda: client.get(url))
    recipe = time_it(lambda: wagtail_recipe_report(page))
    print(f"\nDatabase: {connection.vendor}; {args.responses} responses x 20 questions")
    print(
        f"results page (GROUP BY in the DB, full admin page render): {ours * 1000:.0f} ms "
        f"median of 3, {len(queries)} queries   goal <= 1000 ms"
    )
    print(
        f"Wagtail recipe (Python loop over FormSubmission.form_data, report only): "
        f"{recipe * 1000:.0f} ms median of 3   ratio {recipe / ours:.1f}x"
    )
    print(
        "\nexports (fresh subprocess each): tracemalloc peak MB | max RSS MB | RSS growth MB | "
        "file MB | seconds"
    )
    for kind in ("csv", "xlsx", "naive"):
        out = subprocess.run(
            [sys.executable, __file__, "--child", kind, str(page.pk)],
            capture_output=True,
            text=True,
            env=os.environ,
            check=True,
        ).stdout.split()
        label = {
            "csv": "CSV (streamed)",
            "xlsx": "XLSX (write-only, temp file)",
            "naive": "naive CSV (all FormSubmissions in memory)",
        }[kind]
        print(
            f"  {label:45s} peak {out[0]:>7} MB | RSS {out[1]:>7} MB | +{out[2]:>6} MB | "
            f"{out[3]:>5} MB | {out[4]} s"
        )
    print("goal: export peak < 200 MB")


if __name__ == "__main__":
    main()
