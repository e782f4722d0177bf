import json
from pathlib import Path

from django.core.management import CommandError, call_command

from .pabulib_data import pabulib_path
from .test_results import PB


def run(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    code = 0
    try:
        call_command("budget_tally", *args, stdout=out, stderr=err)
    except CommandError as exc:
        code, err = 1, StringIO(err.getvalue() + str(exc))
    return code, out.getvalue(), err.getvalue()


def test_json_line_per_file_with_meta_rule(tmp_path):
    (tmp_path / "a.pb").write_text(PB)
    (tmp_path / "b.pb").write_text(PB.replace("rule;greedy", "rule;equalshares/add1"))
    code, out, err = run(str(tmp_path), "--json")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0, err
    assert [Path(x["file"]).name for x in lines] == ["a.pb", "b.pb"]
    assert lines[0]["rule"] == "greedy" and lines[0]["selected"] == [
        "x2"
    ]  # tie 2-2: lowest cost first
    assert lines[1]["rule"] == "equalshares/add1"
    assert all(isinstance(x["seconds"], float) for x in lines)


def test_rule_option_overrides_meta(tmp_path):
    (tmp_path / "a.pb").write_text(PB)
    code, out, _ = run(str(tmp_path / "a.pb"), "--rule", "greedy-no-skip", "--json")
    assert code == 0 and json.loads(out)["rule"] == "greedy-no-skip"


def test_malformed_file_gets_one_line_and_non_zero_exit(tmp_path):
    (tmp_path / "good.pb").write_text(PB)
    (tmp_path / "bad.pb").write_text(PB.replace("budget;100", "budget;x"))
    code, out, err = run(str(tmp_path))
    assert code == 1
    assert "good.pb" in out and "Traceback" not in err
    assert "bad.pb: error: line" in err


def test_on_a_real_file():
    code, out, _ = run(str(pabulib_path("France_Toulouse_2019.pb")), "--json")
    assert code == 0 and json.loads(out)["rule"] == "greedy"
