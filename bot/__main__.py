"""`python -m bot` is the same as the `newsbrief` console script."""

from bot.cli import main

raise SystemExit(main())
