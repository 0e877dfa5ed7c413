"""`make run` in a fresh clone, as a newcomer runs it (issue 12).

Installing takes about a minute, so these tests reuse this test run's
packages: a tmp virtual environment whose site-packages point at ours, marked
as installed from the clone's pyproject.toml and requirements.lock (the
Makefile's stamp). The pip
install itself is what `.ci/run` exercises: it starts from no .venv at all.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from fake_telegram import FakeTelegram
from test_run import answers_start_by_polling

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.e2e,  # `make` and the bot as processes, from a fresh clone
    pytest.mark.skipif(
        shutil.which("make") is None or shutil.which("git") is None or not (ROOT / ".git").exists(),
        reason="needs make, git and a git checkout",
    ),
]


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """A fresh clone of this repository (its committed HEAD) with a reusable venv."""
    target = tmp_path / "newsbrief"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(target)], check=True)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = next((venv / "lib").glob("python3*/site-packages"))
    ours = sysconfig.get_paths()["purelib"]
    # The clone's own `bot` package still wins: `python -m bot` puts the cwd first.
    (site / "reuse_test_packages.pth").write_text(f"import site; site.addsitedir({ours!r})\n")
    # The stamp the Makefile writes after installing: pyproject.toml, then requirements.lock.
    stamp = (target / "pyproject.toml").read_bytes() + (target / "requirements.lock").read_bytes()
    (venv / ".newsbrief-installed").write_bytes(stamp)
    return target


def make_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "PTB_TIMEDELTA": "true",
        **extra,
    }


def test_make_run_without_token_runs_the_demo(clone: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        ["make", "run", f"VENV={tmp_path / 'venv'}"],
        cwd=clone,
        env=make_env(tmp_path),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "added 24, duplicates 0, rejected 0" in out
    lines = out.strip().splitlines()
    # The search comes last, then one line on how to add a token.
    search_at = max(i for i, line in enumerate(lines) if line.startswith("== newsbrief search"))
    results = lines[search_at + 1 : -1]
    assert results and results[0].startswith("#") and "rail" in results[0].lower()
    assert "TELEGRAM_BOT_TOKEN" in lines[-1] and ".env" in lines[-1]
    assert (clone / "data" / "demo.db").exists()


async def test_make_run_with_token_starts_the_bot(
    fake_telegram: FakeTelegram, clone: Path, tmp_path: Path
) -> None:
    # The token comes from .env, as the README tells an operator to put it.
    (clone / ".env").write_text(
        f"TELEGRAM_BOT_TOKEN={fake_telegram.token}\n"
        f"TELEGRAM_API_BASE_URL={fake_telegram.base_url}\n"
    )
    log_file = tmp_path / "make-run.log"
    with log_file.open("wb") as output:
        process = await asyncio.create_subprocess_exec(
            "make",
            "run",
            f"VENV={tmp_path / 'venv'}",
            cwd=clone,
            env=make_env(tmp_path),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=output,
            stderr=output,
            start_new_session=True,  # make and the bot in one group, stopped together
        )
    try:
        await answers_start_by_polling(fake_telegram)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), timeout=60)
        except TimeoutError:
            os.killpg(process.pid, signal.SIGKILL)
            await process.wait()
            raise AssertionError(
                "make run did not stop on SIGTERM:\n" + log_file.read_text()
            ) from None
    log = log_file.read_text()
    assert "running as @" in log and "newsbrief stopped" in log, log
    assert "Traceback" not in log


def test_a_second_stop_signal_does_not_cut_the_clean_stop_short() -> None:
    """What systemd does to `make run`: SIGTERM to make and to the bot, and make passes
    its own on. PTB's handlers raise SystemExit on each, and one raised while PTB stops
    skips post_shutdown (then the database thread keeps the process alive); ours stop
    on the first and ignore the rest. Under load this reproduced in the test above."""
    from bot.app import STOP_SIGNALS, stop_on_signals

    loop = asyncio.new_event_loop()
    try:
        stop_on_signals(loop)
        os.kill(os.getpid(), signal.SIGTERM)
        os.kill(os.getpid(), signal.SIGTERM)  # both queued before the loop runs
        with pytest.raises(SystemExit):
            loop.run_forever()
        # PTB's stop sequence: run_until_complete(updater.stop()) and so on.
        assert loop.run_until_complete(asyncio.sleep(0.05, "stopped cleanly")) == "stopped cleanly"
        os.kill(os.getpid(), signal.SIGINT)
        assert loop.run_until_complete(asyncio.sleep(0.05, "still")) == "still"
    finally:
        for sig in STOP_SIGNALS:
            loop.remove_signal_handler(sig)
        loop.close()
