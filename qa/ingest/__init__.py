"""Readers of the article formats (plain text and Markdown, HTML pages, RSS/Atom feeds), the
dates they state, near-duplicate detection, and adding files or pages to the articles folder."""
