"""The command registry (bot/commands.py) against the README and Telegram's limits."""

from __future__ import annotations

import re
from pathlib import Path

from bot.commands import COMMANDS, GroupRule, help_text, menu

README = Path(__file__).resolve().parents[1] / "README.md"


def readme_commands() -> dict[str, tuple[str, str]]:
    """{name: (usage cell, who cell)} for the rows of the README's "Chat commands" table
    that are slash commands (inline mode and bare links are not commands)."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Chat commands", 1)[1].split("\n## ", 1)[0]
    rows: dict[str, tuple[str, str]] = {}
    for line in section.splitlines():
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
        if len(cells) < 3 or not cells[0].startswith("`/"):
            continue
        usage = cells[0].strip("`").replace("\\|", "|")
        name = usage[1:].split()[0]
        assert name not in rows, f"/{name} is in the README table twice"
        rows[name] = (usage, cells[1])
    return rows


def test_readme_table_matches_the_registry() -> None:
    expected = {c.name: (c.usage, c.who) for c in COMMANDS}
    assert readme_commands() == expected


def test_names_are_unique_and_valid() -> None:
    names = [c.name for c in COMMANDS]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-z0-9_]{1,32}", n) for n in names)


def test_menus() -> None:
    everyone = {c.command for c in menu(admin=False)}
    admins = {c.command for c in menu(admin=True)}
    assert "latest" in everyone and "post" not in everyone and "start" not in everyone
    assert everyone < admins and {"post", "addfeed", "stats"} <= admins


def test_help_lists_every_sectioned_command() -> None:
    plain = help_text(False, "newsbrief_bot")
    admin = help_text(True, "newsbrief_bot")
    for command in COMMANDS:
        if command.section is None:
            continue
        assert (f"/{command.name}" in admin) and ((f"/{command.name} " in plain) != command.admin)
    assert "@newsbrief_bot" in plain


def test_group_rule_commands_refuse_in_groups() -> None:
    """The group rule is documentation unless the handler checks it: it must call
    refused_in_group (or may_change_chat) somewhere in its module."""
    import inspect

    for command in COMMANDS:
        if command.group is GroupRule.GROUP_ADMINS:
            source = inspect.getsource(command.handler)
            assert "refused_in_group" in source or "may_change_chat" in source, command.name
