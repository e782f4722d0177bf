"""The .pb parser: every malformed input gives one PabulibError naming the line; fuzzed input
never raises anything else; dump_pabulib() round-trips real and generated files."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgets.tally import Ballot, Election, PabulibError, Project, dump_pabulib, parse_pabulib

from .test_pabulib_official import election

GOOD = "\n".join(
    [
        "META",
        "key;value",
        "budget;100",
        "vote_type;approval",
        "PROJECTS",
        "project_id;cost;name",
        'a;40;"Park; with ""quotes"""',
        "b;70;Bench",
        "VOTES",
        "voter_id;vote",
        "1;a,b",
        "2;b",
        "",
    ]
)


def test_a_good_file_parses_into_plain_data():
    e = parse_pabulib(GOOD)
    assert e.budget == 100 and e.vote_type == "approval"
    assert e.projects["a"] == Project(id="a", cost=40, name='Park; with "quotes"')
    assert e.ballots == [Ballot("1", ("a", "b")), Ballot("2", ("b",))]


def test_bytes_bom_and_crlf_are_accepted():
    data = ("\ufeff" + GOOD).replace("\n", "\r\n").encode("utf-8")
    assert parse_pabulib(data) == parse_pabulib(GOOD)


def bad(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", 0, "missing section META"),
        ("PROJECTS\n", 1, "section PROJECTS out of place (expected META)"),
        ("budget;1\n", 1, "content before the META section"),
        (bad("budget;100", "budget;lots"), 5, "META 'budget' is not an amount"),
        (bad("budget;100", "budget;-100"), 5, "META 'budget' is not an amount"),
        (bad("budget;100\n", ""), 4, "META has no 'budget'"),
        (bad("vote_type;approval", "vote_type;veto"), 5, "unknown vote_type 'veto'"),
        (bad("b;70;Bench", "b;7.5.1;Bench"), 8, "project 'b': cost '7.5.1' is not an amount"),
        (bad("b;70;Bench", "a;70;Bench"), 8, "project 'a' listed twice"),
        (bad("b;70;Bench", "b;70"), 8, "PROJECTS row has 2 fields, header has 3"),
        (bad("2;b", "2;c"), 12, "voter '2' votes for unknown project 'c'"),
        (bad("2;b", "1;b"), 12, "voter '1' voted twice"),
        (bad("project_id;cost;name", "project_id;name"), 6, "PROJECTS header lacks column(s) cost"),
        (bad("VOTES\nvoter_id;vote\n1;a,b\n2;b\n", ""), 8, "missing section VOTES"),
        (GOOD + 'x;"unterminated\n', 13, "CSV syntax error"),
        (GOOD + "META\n", 13, "section META out of place"),
        # Votes are read in a fast loop that caches each distinct vote text: a repeated vote
        # is still checked for its voter, and rows of another width leave the loop correctly.
        (GOOD + "3;a,b\n1;a,b\n", 14, "voter '1' voted twice"),
        (GOOD + "3;a,b\n4;a,b,c\n", 14, "voter '4' votes for unknown project 'c'"),
        (GOOD + "3;b\n\n4\n", 15, "VOTES row has 1 fields, header has 2"),
        (GOOD + "3;b;x\n", 13, "VOTES row has 3 fields, header has 2"),
        (GOOD + "\nVOTES\n", 14, "section VOTES out of place (expected end of file)"),
    ],
)
def test_malformed_files_name_the_line(text, line, message):
    with pytest.raises(PabulibError) as caught:
        parse_pabulib(text)
    assert caught.value.line == line
    assert message in str(caught.value)
    assert str(caught.value).startswith(f"line {line}: " if line else message)


def test_identical_votes_share_one_checked_tuple_and_keep_their_extras():
    text = bad("voter_id;vote", "voter_id;vote;age").replace("1;a,b", "1;a,b;30")
    text = text.replace("2;b", "2;b;40") + "3;a,b;50\n4; a,b ;60\n\n"
    e = parse_pabulib(text)
    assert [b.choices for b in e.ballots] == [("a", "b"), ("b",), ("a", "b"), ("a", "b")]
    assert [b.extra for b in e.ballots] == [{"age": a} for a in ("30", "40", "50", "60")]


def test_points_must_match_the_choices():
    text = bad("vote_type;approval", "vote_type;cumulative").replace(
        "voter_id;vote\n1;a,b\n2;b", "voter_id;vote;points\n1;a,b;2,1\n2;b;1,1"
    )
    with pytest.raises(PabulibError, match=r"^line 12: voter '2' has 1 project\(s\) but 2 point"):
        parse_pabulib(text)


def test_invalid_utf8_names_its_line():
    data = GOOD.replace("Bench", "B\xe9nch").encode("latin-1")
    with pytest.raises(PabulibError, match=r"^line 8: invalid utf-8 byte sequence"):
        parse_pabulib(data)


@pytest.mark.parametrize(
    "name",
    [
        "Netherlands_Assen_2024.pb",
        "US_Stanford_Dataset_2022_Jersey_City_Ward_E_vote_knapsacks.pb",
        "France_Toulouse_2019.pb",
        "Poland_Swiecie_2023.pb",
        "Poland_Wieliczka_2023_Green_Budget.pb",
    ],
)
def test_real_files_round_trip(name):
    e = election(name)
    assert parse_pabulib(dump_pabulib(e)) == e


# --- fuzzing ----------------------------------------------------------------------------------

TOKENS = st.sampled_from(
    [
        "META",
        "PROJECTS",
        "VOTES",
        "key;value",
        "budget;",
        "vote_type;",
        "cumulative",
        "ordinal",
        "project_id;cost",
        "voter_id;vote;points",
        ";",
        ",",
        "\n",
        "\r",
        '"',
        "1",
        "-2",
        "a",
        "b",
        "7.0",
        "x\x00",
        "é",
        " ",
    ]
)


def parse_or_error(data):
    try:
        result = parse_pabulib(data)
    except PabulibError as exc:
        assert str(exc)
        return None
    assert isinstance(result, Election)
    return result


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_fuzz_any_text(text):
    parse_or_error(text)


@settings(max_examples=200, deadline=None)
@given(st.binary())
def test_fuzz_any_bytes(data):
    parse_or_error(data)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TOKENS, max_size=60))
def test_fuzz_pabulib_shaped_text(tokens):
    parse_or_error("".join(tokens))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_fuzz_mutations_of_a_good_file(data):
    text = GOOD
    for _ in range(data.draw(st.integers(1, 4))):
        pos = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 5))
        text = text[:pos] + data.draw(st.text(max_size=4) | TOKENS) + text[pos + cut :]
    parse_or_error(text)


@st.composite
def generated(draw):
    ident = st.text(
        st.characters(blacklist_categories=["Cs", "Cc", "Zs"], blacklist_characters=',;"'),
        min_size=1,
        max_size=6,
    )
    field = st.text(
        st.characters(blacklist_categories=["Cs"], blacklist_characters="\r\n\x00"), max_size=8
    ).map(str.strip)
    ids = draw(st.lists(ident, min_size=1, max_size=5, unique=True))
    projects = {
        pid: Project(
            pid,
            draw(st.integers(0, 10**9)),
            draw(field),
            draw(st.none() | st.integers(0, 99)),
            None,
            draw(st.none() | st.integers(0, 1)),
            {"category": draw(field)},
        )
        for pid in ids
    }
    ballots = []
    for vid in draw(st.lists(ident, max_size=5, unique=True)):
        choices = tuple(draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids))))
        points = tuple(draw(st.integers(1, 5)) for _ in choices)
        ballots.append(Ballot(vid, choices, points, {"age": draw(field)}))
    meta = {
        "budget": str(draw(st.integers(0, 10**12))),
        "vote_type": "cumulative",
        "comment": draw(field),
    }
    cols = ("project_id", "cost", "name", "votes", "selected", "category")
    return Election(meta, projects, ballots, cols, ("voter_id", "vote", "points", "age"))


@settings(max_examples=150, deadline=None)
@given(generated())
def test_generated_elections_round_trip(e):
    for p in e.projects.values():  # an absent column cannot round-trip a partly-filled one
        p.votes = p.votes if all(q.votes is not None for q in e.projects.values()) else None
        p.selected = (
            p.selected if all(q.selected is not None for q in e.projects.values()) else None
        )
    assert parse_pabulib(dump_pabulib(e)) == e
