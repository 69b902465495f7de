"""The claims ledger: every seed's claims, quotes verbatim, verdicts computed from the facts, the CLI."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from geo.claims import VERDICTS, CheckedClaim, Ledger, counts_by_seed, disputed_by_subject, load_claims, verdicts
from geo.claims.dates import date_fit
from geo.claims.figures import figure_fit
from geo.claims.summary import subject_key
from geo.errors import AtlasError
from geo.facts import Facts, load_facts
from geo.facts.cite import cite
from geo.facts.seeds import normalise
from geo.facts.walk import walk
from geo.settings import DATA_DIR, FACTS_PATH, SEEDS_DIR
from helpers import Ran, dump_yaml, load_yaml, run_cli

ROOT = Path(__file__).resolve().parent.parent
SEED_FILES = sorted(p.name for p in SEEDS_DIR.glob("*.txt"))


@pytest.fixture(scope="module")
def ledger(facts: Facts) -> Ledger:
    return load_claims(facts=facts)


@pytest.fixture(scope="module")
def checked(ledger: Ledger, facts: Facts) -> list[CheckedClaim]:
    return verdicts(ledger, facts)


def by_id(checked: list[CheckedClaim], ident: str) -> CheckedClaim:
    return next(c for c in checked if c.id == ident)


# ---------------------------------------------------------------- the ledger


def test_every_seed_has_at_least_five_claims(ledger: Ledger) -> None:
    assert len(SEED_FILES) == 5
    for name in SEED_FILES:
        entries = [c for c in ledger.claims if c.seed == name]
        assert len(entries) >= 5, name
        assert len({normalise(c.quote) for c in entries}) >= 5, f"{name}: fewer than five distinct sentences"


def test_every_quote_is_verbatim_in_its_seed(ledger: Ledger) -> None:
    for c in ledger.claims:
        text = normalise((SEEDS_DIR / c.seed).read_text(encoding="utf-8"))
        assert normalise(c.quote) in text, c.id


def test_every_contradicted_verdict_names_the_record_value_and_a_real_source(
    checked: list[CheckedClaim], facts: Facts
) -> None:
    known = {cite(o) for _, o in walk(facts) if type(o).__name__ in ("Publication", "SeedQuote")}
    contradicted = [c for c in checked if c.verdict == "contradicted"]
    assert len(contradicted) >= 5
    for c in contradicted:
        assert c.record and c.sources, c.id
        assert set(c.sources) <= known, c.id
        assert f"seeds/{c.seed}" not in c.sources, f"{c.id} cites its own article"


def test_verdicts_other_than_unverified_always_cite_a_source(checked: list[CheckedClaim]) -> None:
    for c in checked:
        assert c.verdict in VERDICTS
        if c.verdict != "unverified":
            assert c.record and c.source and c.reason, c.id


def test_most_dated_and_counted_claims_are_computed(checked: list[CheckedClaim]) -> None:
    computed = [c for c in checked if c.computed]
    assert len(computed) > len(checked) / 2
    assert {c.claim.check.kind for c in computed if c.claim.check} >= {
        "treaty_event",
        "treaty_milestone",
        "border_length",
        "longest_border",
        "withdrawal_notice",
        "membership",
    }


# ---------------------------------------------------------------- computed verdicts


def test_finland_joined_in_2011_is_contradicted(checked: list[CheckedClaim]) -> None:
    c = by_id(checked, "s002-fin-joined-2011")
    assert "joining the treaty in 2011" in c.quote and c.seed.startswith("002_")
    assert c.computed and c.verdict == "contradicted"
    assert "acceded 2012-01-09" in (c.record or "") and "in force 2012-07-01" in (c.record or "")
    assert "Ministry for Foreign Affairs of Finland" in c.source


def test_treaty_in_effect_in_1997_is_contradicted(checked: list[CheckedClaim]) -> None:
    c = by_id(checked, "s003-effect-1997")
    assert "came into effect in 1997" in c.quote
    assert c.computed and c.verdict == "contradicted"
    assert "entry into force 1999-03-01" in (c.record or "") and "Landmine Monitor" in c.source


def test_consistent_claims(checked: list[CheckedClaim]) -> None:
    poland = by_id(checked, "s003-poland-2012")
    assert poland.computed and poland.verdict == "consistent" and "ratified 2012-12-27" in (poland.record or "")
    effective = by_id(checked, "s000-effective-1999")
    assert effective.verdict == "consistent"
    assert effective.source == "Landmine Monitor (2019-12-18)"  # not the seed itself
    border = by_id(checked, "s000-fin-rus-1340-km")
    assert border.verdict == "consistent" and "finland.fi" in border.source and "1,309 km" in (border.record or "")


def test_neighbouring_steps_and_near_days_are_imprecise(checked: list[CheckedClaim]) -> None:
    assert by_id(checked, "s004-a-1999-treaty").verdict == "imprecise"  # in force 1999, signed 1997
    assert by_id(checked, "s002-once-signatories/FIN").verdict == "imprecise"  # acceded, never signed
    assert by_id(checked, "s002-once-signatories/LTU").verdict == "consistent"
    assert by_id(checked, "s002-notified-2025-07-09/FIN").verdict == "imprecise"  # deposited 10 July
    assert by_id(checked, "s002-notified-2025-07-09/LTU").verdict == "contradicted"  # deposited 27 June


def test_a_record_resting_only_on_the_same_article_does_not_confirm_it(tmp_path: Path, ledger: Ledger) -> None:
    def only_the_articles_own_count(doc: dict[str, Any]) -> None:
        doc["treaty"]["membership"] = [m for m in doc["treaty"]["membership"] if m["id"] == "treaty-parties-2025-03"]

    ledger = ledger.model_copy(update={"claims": [c for c in ledger.claims if c.fact != "treaty-parties-166"]})
    checked = verdicts(ledger, edited_facts(tmp_path, only_the_articles_own_count))
    own = by_id(checked, "s000-165-state-parties")
    assert own.verdict == "unverified" and not own.sources  # seed 000's own count cannot confirm seed 000


def test_the_record_decides_claims_it_once_left_open(checked: list[CheckedClaim]) -> None:
    signatories = by_id(checked, "s003-over-160-signatories")
    assert signatories.verdict == "imprecise" and (signatories.record or "").startswith("133 signatories;")
    sejm = by_id(checked, "s001-pol-parliament")  # once unverified: the Sejm's vote of 25 Jun 2025 decides it
    assert sejm.verdict == "consistent" and "413" in (sejm.record or "") and "TASS" in sejm.source
    parties = by_id(checked, "s000-165-state-parties")
    assert parties.verdict == "consistent" and parties.source.startswith("ICBL (2025-03-13)")
    mines = by_id(checked, "s002-fin-one-million-mines")
    assert mines.verdict == "contradicted" and "after acceding" in (mines.record or "")
    assert "Implementation Support Unit" in mines.source


def test_countries_not_in_the_facts_are_unverified(checked: list[CheckedClaim]) -> None:
    assert by_id(checked, "s003-never-signed/USA").verdict == "unverified"
    russia = by_id(checked, "s003-never-signed/RUS")
    assert russia.verdict == "consistent" and "never joined" in (russia.record or "")


def edited_facts(tmp_path: Path, change: Any) -> Facts:
    doc = load_yaml(FACTS_PATH.read_text(encoding="utf-8"))
    change(doc)
    path = tmp_path / "facts.yaml"
    path.write_text(dump_yaml(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_facts(path, seeds_dir=SEEDS_DIR)


def test_verdicts_are_computed_from_the_facts_not_typed_in(tmp_path: Path, ledger: Ledger) -> None:
    def finland_accedes_in_2011(doc: dict[str, Any]) -> None:
        fin = next(c for c in doc["countries"] if c["iso3"] == "FIN")
        next(e for e in fin["treaty_events"] if e["kind"] == "acceded")["date"] = dt.date(2011, 11, 30)

    def treaty_in_force_in_1997(doc: dict[str, Any]) -> None:
        next(m for m in doc["treaty"]["milestones"] if m["kind"] == "entry_into_force")["date"] = dt.date(1997, 12, 31)

    def border_of_2000_km(doc: dict[str, Any]) -> None:
        for figure in doc["borders"]["FIN-RUS"]:
            figure["km"] = 2000

    fin = by_id(verdicts(ledger, edited_facts(tmp_path, finland_accedes_in_2011)), "s002-fin-joined-2011")
    assert fin.verdict == "consistent" and "acceded 2011-11-30" in (fin.record or "")
    treaty = verdicts(ledger, edited_facts(tmp_path, treaty_in_force_in_1997))
    assert by_id(treaty, "s003-effect-1997").verdict == "consistent"
    assert by_id(treaty, "s000-effective-1999").verdict == "contradicted"
    border = by_id(verdicts(ledger, edited_facts(tmp_path, border_of_2000_km)), "s000-fin-rus-1340-km")
    assert border.verdict == "contradicted" and "2,000 km" in (border.record or "")


def test_date_rule() -> None:
    assert date_fit("2011", None, dt.date(2012, 1, 9)) == "contradicted"  # a year must be the right year
    assert date_fit("2012", None, dt.date(2012, 12, 27)) == "consistent"
    assert date_fit("2005", "by", dt.date(2004, 5, 12)) == "consistent"
    assert date_fit("2005", "by", dt.date(2006, 1, 1)) == "contradicted"
    assert date_fit("2025-06", None, dt.date(2025, 6, 27)) == "consistent"
    assert date_fit("2025-06", None, dt.date(2025, 7, 1)) == "contradicted"
    assert date_fit("2025-07-09", None, dt.date(2025, 7, 16)) == "imprecise"  # 7 days
    assert date_fit("2025-07-09", None, dt.date(2025, 7, 17)) == "contradicted"  # 8 days
    assert date_fit("2024-02", None, dt.date(2024, 2, 29)) == "consistent"
    assert date_fit("2024-12", None, dt.date(2024, 12, 31)) == "consistent"


def test_figure_rule() -> None:
    assert figure_fit(1340, "exactly", 1309, 1344) == "consistent"
    assert figure_fit(1300, "exactly", 1309, 1344) == "imprecise"  # 0.7% below the lowest figure
    assert figure_fit(1200, "exactly", 1309, 1344) == "contradicted"
    assert figure_fit(1200, "about", 1309, 1344) == "imprecise"
    assert figure_fit(160, "more than", 165, 165) == "consistent"
    assert figure_fit(170, "more than", 165, 175) == "imprecise"
    assert figure_fit(170, "more than", 165, 165) == "contradicted"
    assert figure_fit(170, "at most", 165, 165) == "consistent"


def test_disputed_by_subject_for_map_popups(checked: list[CheckedClaim]) -> None:
    disputed = disputed_by_subject(checked)
    assert "s002-fin-joined-2011" in {c.id for c in disputed["FIN"]}
    assert "s003-effect-1997" in {c.id for c in disputed["treaty"]}
    assert {c.id for c in disputed["LTU"]} >= {"s002-notified-2025-07-09/LTU"}
    assert all(c.verdict in ("contradicted", "imprecise") for cs in disputed.values() for c in cs)
    assert "NOR" not in disputed  # every claim about Norway is borne out
    assert subject_key("RUS-FIN") == "FIN-RUS" and subject_key("FIN") == "FIN"


def test_counts_per_seed_per_verdict(checked: list[CheckedClaim]) -> None:
    counts = counts_by_seed(checked)
    assert sorted(counts) == SEED_FILES
    assert sum(sum(c.values()) for c in counts.values()) == len(checked)
    for per_verdict in counts.values():
        assert list(per_verdict) == list(VERDICTS)
    assert counts["002_53d9cebd3c2c4660.txt"]["contradicted"] >= 2
    assert counts["003_2ccdc23d57ce0325.txt"]["contradicted"] >= 1


# ---------------------------------------------------------------- loader errors


def write_ledger(tmp_path: Path, entry: dict[str, Any]) -> Path:
    path = tmp_path / "claims.yaml"
    path.write_text(dump_yaml({"claims": [entry]}, allow_unicode=True), encoding="utf-8")
    return path


GOOD = {
    "id": "x",
    "seed": "003_2ccdc23d57ce0325.txt",
    "quote": "with Poland following in 2012",
    "claim": {"subject": "POL", "attribute": "joined the treaty", "date": 2012},
    "check": {"kind": "treaty_event", "events": ["ratified", "acceded"]},
}


def test_a_good_entry_loads(tmp_path: Path, facts: Facts) -> None:
    ledger = load_claims(write_ledger(tmp_path, GOOD), facts=facts)
    assert verdicts(ledger, facts)[0].verdict == "consistent"


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"quote": "with Poland following in 2013"}, "claims[0].quote", "not found in seed"),
        ({"seed": "999.txt"}, "claims[0].seed", "no such seed file"),
        ({"check": {"kind": "horoscope"}}, "claims[0].check", "horoscope"),
        ({"check": None, "verdict": "contradicted", "reason": "no"}, "claims[0]", "record"),
        ({"verdict": "consistent", "reason": "both"}, "claims[0]", "not both"),
        ({"claim": {"subject": "Poland", "attribute": "joined", "date": 2012}}, "claims[0].claim.subject", "ISO 3166"),
        ({"claim": {"subject": "POL", "attribute": "joined", "date": "2012-13"}}, "claims[0].claim.date", "2012-13"),
        (
            {"check": None, "verdict": "consistent", "reason": "r", "record": "r", "fact": "no-such-id"},
            "claims[0].fact",
            "no entry",
        ),
        (
            {
                "check": None,
                "verdict": "consistent",
                "reason": "r",
                "record": "r",
                "fact": "nato-rutte",
                "seed": "001_7f51c8fcd1dbe28e.txt",
                "quote": "That’s up from the previous target of 2%.",
            },
            "claims[0].fact",
            "own seed",
        ),
    ],
)
def test_bad_entries_give_a_one_line_error(
    tmp_path: Path, facts: Facts, change: dict[str, Any], field: str, words: str
) -> None:
    path = write_ledger(tmp_path, {k: v for k, v in {**GOOD, **change}.items() if v is not None})
    with pytest.raises(AtlasError) as err:
        load_claims(path, facts=facts)
    line = str(err.value)
    assert "\n" not in line and str(path) in line and field in line and words in line, line


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text(dump_yaml({"claims": [GOOD, GOOD]}), encoding="utf-8")
    with pytest.raises(AtlasError, match=r"claims\[1\]\.id .*duplicate id"):
        load_claims(path)


# ---------------------------------------------------------------- command line


def run(*args: str) -> Ran:
    return run_cli("claims", *args)


def assert_one_line_error(done: Ran, *expected: str) -> None:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and not done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    for text in expected:
        assert text in lines[0], lines[0]


def test_cli_json_lists_every_claim() -> None:
    done = run("--json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert {row["seed"] for row in rows} == set(SEED_FILES)
    for row in rows:
        assert set(row) >= {
            "id",
            "seed",
            "quote",
            "subject",
            "attribute",
            "stated",
            "verdict",
            "record",
            "source",
            "reason",
            "computed",
        }
    fin = next(row for row in rows if row["id"] == "s002-fin-joined-2011")
    assert fin["verdict"] == "contradicted" and "2012-01-09" in fin["record"] and fin["source"]


def test_cli_filters_by_seed_and_verdict() -> None:
    done = run("--seed", "002", "--verdict", "contradicted", "--json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert rows and all(r["seed"] == "002_53d9cebd3c2c4660.txt" and r["verdict"] == "contradicted" for r in rows)
    assert "s002-fin-joined-2011" in {r["id"] for r in rows}
    assert (
        json.loads(run("--seed", "seeds/003_2ccdc23d57ce0325.txt", "--json").stdout)[0]["seed"]
        == "003_2ccdc23d57ce0325.txt"
    )


def test_cli_text_is_grouped_by_seed_with_counts() -> None:
    done = run()
    assert done.returncode == 0, done.stderr
    for name in SEED_FILES:
        assert f"seeds/{name}: " in done.stdout
    assert "contradicted" in done.stdout and "acceded 2012-01-09" in done.stdout and "says" in done.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--seed", "nope.txt"], ["--seed", "nope.txt"]),
        (["--seed", "00"], ["--seed", "'00'"]),  # prefix of all five
        (["--verdict", "maybe"], ["--verdict", "maybe"]),
        (["--bogus"], ["--bogus"]),
    ],
)
def test_cli_bad_arguments(args: list[str], expected: list[str]) -> None:
    assert_one_line_error(run(*args), *expected)


def test_cli_bad_claims_file(tmp_path: Path) -> None:
    bad = tmp_path / "claims.yaml"
    bad.write_text("claims: [{id: x}]\n", encoding="utf-8")
    assert_one_line_error(run("--claims", str(bad)), str(bad), "claims[0]")
    assert_one_line_error(run("--claims", str(tmp_path / "none.yaml")), "none.yaml", "not found")


def test_ledger_is_in_data() -> None:
    assert (DATA_DIR / "claims.yaml").is_file()


def test_each_seed_has_a_headline_for_the_sources_view(ledger: Ledger) -> None:
    from geo.facts.seeds import seed_headline

    for seed in ledger.seeds():
        headline = seed_headline(seed)
        assert len(headline) > 30 and headline in (SEEDS_DIR / seed).read_text(encoding="utf-8"), seed
    assert seed_headline("no-such-seed.txt") == ""


# ---------------------------------------------------------------- one statement, one verdict


def test_the_same_statement_gets_the_same_verdict_wherever_it_appears(checked: list[CheckedClaim]) -> None:
    from geo.claims import conflicting_verdicts
    from geo.claims.summary import statement_key

    assert conflicting_verdicts(checked) == []
    by_statement: dict[tuple[str, str, str], set[str]] = {}
    for c in checked:
        if not c.claim.differs:
            by_statement.setdefault(statement_key(c), set()).add(c.verdict)
    assert all(len(found) == 1 for found in by_statement.values()), by_statement
    twice = [by_id(checked, "s003-over-160-signatories"), by_id(checked, "s003-more-than-160")]
    assert {c.verdict for c in twice} == {"imprecise"}  # seed 003 says it twice: one verdict


def test_validate_refuses_two_verdicts_for_one_statement_unless_one_says_why(tmp_path: Path) -> None:
    data = load_yaml((DATA_DIR / "claims.yaml").read_text(encoding="utf-8"))
    entry = next(c for c in data["claims"] if c["id"] == "s003-more-than-160")
    other = {**entry, "id": "s003-more-than-160-again", "verdict": "unverified", "searched": "nothing"}
    for key in ("record", "fact"):
        other.pop(key)
    data["claims"].append(other)
    path = tmp_path / "claims.yaml"
    path.write_text(dump_yaml(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    done = run_cli("validate", "--claims", str(path))
    assert done.returncode == 2 and "s003-more-than-160-again.verdict = 'unverified'" in done.stderr
    assert "the same statement as s003-over-160-signatories" in done.stderr
    other["differs"] = "A later reading, kept apart on purpose."
    path.write_text(dump_yaml(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert run_cli("validate", "--claims", str(path)).returncode == 0


def test_an_unverified_claim_says_what_was_searched(ledger: Ledger) -> None:
    unverified = [c for c in ledger.claims if c.verdict == "unverified"]
    assert unverified and all(c.searched and len(c.searched) > 20 for c in unverified)


def test_the_claims_command_prints_each_seed_under_a_blank_line_with_no_escape_in_sight() -> None:
    """Issue 27: a literal '\\u000a' stood before each seed header (a line break inside one printed line)."""
    from helpers import run_cli

    done = run_cli("claims")
    lines = done.stdout.splitlines()
    headers = [n for n, line in enumerate(lines) if line.startswith("seeds/")]
    assert done.returncode == 0 and len(headers) >= 5 and "\\u00" not in done.stdout
    assert all(lines[n - 1] == "" for n in headers)
