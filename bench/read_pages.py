"""Print the briefs the bot would make of saved HTML pages, to read by eye.

The pages go through the product's own path, the one `/post <url>` and the feed poller use:
`extract_article` (trafilatura, title, not-an-article checks), `draft_from_extracted`,
`pipeline.validate` (cleaning, language by text) and `briefs.brief_article` with the defaults.
The URL given to the extractor is the page's canonical or og:url link, else a made-up
article path on a made-up host.

    python bench/read_pages.py DIR [DIR ...] --seed 18 --count 30 [--skip FILE]

A draw is `random.Random(seed).sample` of the sorted file names of all DIRs together,
after leaving out the names listed in --skip (one per line), so later draws can avoid pages
already read. The pages themselves are third-party text: keep them outside the repository.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

from bot import briefs
from bot.config import load_settings
from bot.errors import UserFacingError
from bot.pipeline import validate
from bot.sources.extract import extract_article
from bot.sources.links import draft_from_extracted

_LINK = re.compile(
    rb"""<(?:link[^>]+rel=["']canonical["'][^>]*href|meta[^>]+property=["']og:url["'][^>]*content)"""
    rb"""=["'](https?://[^"']+)["']""",
    re.IGNORECASE,
)


def page_url(html: bytes, name: str) -> str:
    found = _LINK.search(html[:200_000])
    if found is not None:
        return found.group(1).decode("ascii", "replace")
    return f"https://news.example.com/2024/05/{re.sub(r'[^a-z0-9]+', '-', name.lower())}"


def read(path: Path) -> str:
    html = path.read_bytes()
    settings = load_settings({})
    try:
        page = extract_article(html, page_url(html, path.name))
        draft = validate(draft_from_extracted(page, settings))
        brief = briefs.brief_article(draft.title, draft.body, language=draft.language)
    except (UserFacingError, briefs.BriefError) as error:
        return f"REFUSED: {error}"
    lines = [f"TITLE: {draft.title}", f"LANG: {draft.language}, {brief.words} words"]
    lines += [f"  - {sentence}" for sentence in brief.sentences]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="+", type=Path)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--count", type=int, default=30)
    parser.add_argument("--skip", type=Path, help="file of names already read")
    args = parser.parse_args(argv)
    skip = set(args.skip.read_text().split()) if args.skip else set()
    files = sorted(
        (path for folder in args.dirs for path in folder.iterdir() if path.is_file()),
        key=lambda path: (path.parent.name, path.name),
    )
    files = [path for path in files if f"{path.parent.name}/{path.name}" not in skip]
    for number, path in enumerate(random.Random(args.seed).sample(files, args.count), 1):
        print(f"## {number}. {path.parent.name}/{path.name}")
        print(read(path))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
