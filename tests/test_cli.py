"""The newsbrief command, run as a user would: a real process, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e  # every test runs `python -m bot`

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "articles.jsonl"


def newsbrief(
    *args: str,
    cwd: Path,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
    prefix: Sequence[str] = (),
) -> subprocess.CompletedProcess[str]:
    """`newsbrief ARGS` in cwd, with a minimal environment; prefix wraps it (setpriv ...)."""
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(cwd)}
    base.update(env or {})
    return subprocess.run(
        [*prefix, sys.executable, "-m", "bot", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        env=base,
        timeout=240,
        check=False,
    )


def record(title: str, body: str, url: str, **extra: str) -> str:
    return json.dumps({"title": title, "body": body, "url": url, **extra})


GOOD_BODY = (
    "The city council approved the new rail budget on Tuesday. "
    "The plan adds two stations and doubles evening services. "
    "Opponents said the cost would fall on local businesses. "
    "Construction is due to start next spring, and the first trains should run within "
    "three years, the council's transport committee said in its report."
)


def test_ingest_mixed_file_keeps_good_records(tmp_path: Path) -> None:
    lines = [
        record("Rail budget approved", GOOD_BODY, "https://e.org/1"),
        "{not json",
        json.dumps({"title": "No body", "url": "https://e.org/2"}),
        record(
            "Second good one",
            GOOD_BODY.replace("rail", "bus"),
            "https://e.org/3",
            published_at="2026-11-20T08:00:00Z",
            source="Test Times",
        ),
        json.dumps(["a list"]),
        record("Bad date", GOOD_BODY + " More.", "https://e.org/4", published_at="yesterday"),
        json.dumps({"title": 5, "body": "x"}),
        record("Bad url", GOOD_BODY + " Again.", "ftp://e.org/5"),
        "",
        record("Duplicate link", GOOD_BODY + " Other.", "https://e.org/1?utm_source=x"),
    ]
    source = tmp_path / "mixed.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = newsbrief("--db", "t.db", "ingest", str(source), "--workers", "2", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "added 2, duplicates 1, rejected 6"
    errors = [line for line in result.stderr.splitlines() if line.startswith("rejected")]
    assert errors == [
        f"rejected {source}:2: invalid JSON (Expecting property name enclosed in double quotes)",
        f"rejected {source}:3: missing body",
        f"rejected {source}:5: not a JSON object",
        f"rejected {source}:6: published_at is not an ISO 8601 date",
        f"rejected {source}:7: title must be a string",
        f"rejected {source}:8: url must start with http:// or https://",
    ]
    again = newsbrief("--db", "t.db", "ingest", str(source), cwd=tmp_path)
    assert again.stdout.strip().splitlines()[-1] == "added 0, duplicates 3, rejected 6"


def test_ingest_sample_data_then_search_and_stats(tmp_path: Path) -> None:
    result = newsbrief("--db", "t.db", "ingest", str(ROOT / "data"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    count = len(DATA.read_text(encoding="utf-8").splitlines())
    assert result.stdout.strip().endswith(f"added {count}, duplicates 0, rejected 0")
    search = newsbrief("--db", "t.db", "search", "flood", cwd=tmp_path)
    assert search.returncode == 0
    assert search.stdout.startswith("#")
    assert "[flood" in search.stdout  # highlighted match, plain brackets off a terminal
    hostile = newsbrief("--db", "t.db", "search", "NEAR(", '"AND', cwd=tmp_path)
    assert hostile.returncode == 0 and "[near]" in hostile.stdout  # searched as words
    nothing = newsbrief("--db", "t.db", "search", "*", "(-)", cwd=tmp_path)
    assert nothing.returncode == 0 and "no articles match" in nothing.stdout
    stats = newsbrief("--db", "t.db", "stats", cwd=tmp_path)
    assert f"articles:            {count}" in stats.stdout


def test_ingest_json_array_and_plain_text_from_stdin(tmp_path: Path) -> None:
    array = json.dumps([json.loads(record("Array one", GOOD_BODY, "https://e.org/a"))])
    result = newsbrief("--db", "t.db", "ingest", "-", cwd=tmp_path, stdin=array)
    assert "added 1" in result.stdout
    text = "Plain title\nhttps://e.org/plain\n\n" + GOOD_BODY.replace("council", "board")
    result = newsbrief("--db", "t.db", "ingest", "-", cwd=tmp_path, stdin=text)
    assert "added 1" in result.stdout, result.stderr


def test_brief_needs_no_token_network_or_database(tmp_path: Path) -> None:
    line = DATA.read_text(encoding="utf-8").splitlines()[0]
    title = json.loads(line)["title"]
    result = newsbrief("brief", "-", "--sentences", "2", cwd=tmp_path, stdin=line)
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert out[0] == title
    assert len([x for x in out if x.startswith("  • ")]) == 2
    assert not list(tmp_path.glob("**/*.db"))


def test_brief_reports_bad_summarizer(tmp_path: Path) -> None:
    result = newsbrief(
        "brief", "-", "--summarizer", "nope", cwd=tmp_path, stdin="Title\n" + GOOD_BODY
    )
    assert result.returncode == 2
    assert "nope" in result.stderr and "lexrank" in result.stderr


@pytest.mark.parametrize("path", ["missing.jsonl", "emptydir"])
def test_ingest_missing_input_is_a_clear_error(tmp_path: Path, path: str) -> None:
    (tmp_path / "emptydir").mkdir()
    result = newsbrief("--db", "t.db", "ingest", path, cwd=tmp_path)
    assert result.returncode == 1
    assert "rejected" in result.stderr and "Traceback" not in result.stderr


def test_bad_config_is_one_line_before_anything_starts(tmp_path: Path) -> None:
    result = newsbrief("stats", cwd=tmp_path, env={"NEWSBRIEF_BRIEF_SENTENCES": "lots"})
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "newsbrief: error: NEWSBRIEF_BRIEF_SENTENCES='lots' is not valid: "
        "expected a whole number from 1 to 20"
    ]
    assert not (tmp_path / "data").exists()  # nothing was created


def test_env_file_is_read_and_the_environment_wins(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("NEWSBRIEF_DB=from-dotenv.db\n")
    result = newsbrief("stats", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "from-dotenv.db").exists()
    newsbrief("stats", cwd=tmp_path, env={"NEWSBRIEF_DB": "from-env.db"})
    assert (tmp_path / "from-env.db").exists()


def test_run_without_token_says_so(tmp_path: Path) -> None:
    result = newsbrief("run", cwd=tmp_path)
    assert result.returncode == 2
    assert "TELEGRAM_BOT_TOKEN is not set" in result.stderr


def test_a_reader_that_goes_away_is_not_an_error(tmp_path: Path) -> None:
    """`newsbrief brief data/ | head -1`: the closed pipe stops the command quietly."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "NEWSBRIEF_"))}
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "brief", str(DATA)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # the reader is gone; 24 briefs do not fit in the pipe's buffer
    with proc.stderr:
        stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141
    assert "Traceback" not in stderr and "Broken pipe" not in stderr


def test_stories_lists_recent_stories_with_their_reports(tmp_path: Path) -> None:
    empty = newsbrief("--db", "s.db", "stories", cwd=tmp_path)
    assert empty.returncode == 0 and "no stories yet" in empty.stdout
    ferry = (
        "The passenger ferry Marisol ran aground on a sandbank off Kestrel Point early on "
        "Tuesday, and coastguard crews rescued all 212 passengers and crew. The harbour "
        "authority said the ferry had lost steering in heavy fog after leaving Port Aldwin. "
        "Lifeboats from three stations took the passengers ashore, and four were treated "
        "for mild hypothermia. Salvage tugs will try to refloat the Marisol on Wednesday."
    )
    lines = [
        record("Ferry Marisol runs aground off Kestrel Point", ferry, "https://a.example/1"),
        record(
            "Coastguard rescues 212 from ferry Marisol near Kestrel Point",
            ferry.replace("early on Tuesday", "on Tuesday morning") + " Divers inspected it.",
            "https://b.example/2",
        ),
        record("Council approves rail budget", GOOD_BODY, "https://c.example/3"),
    ]
    added = newsbrief("--db", "s.db", "ingest", "-", cwd=tmp_path, stdin="\n".join(lines))
    assert added.returncode == 0, added.stderr
    listing = newsbrief("--db", "s.db", "stories", cwd=tmp_path)
    assert listing.returncode == 0, listing.stderr
    assert listing.stdout.count("story #") == 2
    assert "(2 reports)" in listing.stdout and "(1 report)" in listing.stdout
    assert "a.example" in listing.stdout and "https://b.example/2" in listing.stdout
