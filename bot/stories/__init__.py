"""Stories: deciding which reports of different outlets tell the same event.

Pure code, no Telegram and no SQL: similarity.py turns an article into weighted
stems and decides between candidate stories; the candidate index and the
stories themselves live in bot/storage/stories.py.
"""
