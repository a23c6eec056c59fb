"""Invented news pages and feeds for the ingestion tests: a saved page wraps its article in the
menus, share buttons, comments and footer that real pages carry."""

from __future__ import annotations

from html import escape

STORY = (
    "CAIRO, March 3 (Reuters) - Egyptian Foreign Minister Sameh Shoukry met his Jordanian "
    "counterpart Ayman Safadi in Cairo on Sunday to discuss a ceasefire in Gaza, officials said.",
    "The two ministers agreed to press for more humanitarian aid to reach the territory, according "
    "to a joint statement released after the talks at the foreign ministry.",
    "They also discussed plans for the reconstruction of the territory, which has been devastated "
    "by months of fighting, and the return of displaced families to their homes.",
)


def news_page(headline: str, paragraphs: tuple[str, ...] | list[str], *, published: str | None = None,
              byline: str = "", site: str = "The Daily Courier", comments: bool = True) -> str:
    """A saved news page: ``published`` (ISO) goes in its metadata."""
    meta = f'<meta property="article:published_time" content="{published}T09:30:00Z">' if published else ""
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    author = f'<p class="byline">By {escape(byline)}</p>' if byline else ""
    thread = (
        '<section id="comments" class="comments"><h3>Comments</h3>'
        '<div class="comment"><p>Great article, totally agree with every word of it!</p></div>'
        '<div class="comment"><p>This is the worst reporting I have ever seen on this site.</p></div>'
        "</section>"
    ) if comments else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{escape(headline)} | {escape(site)}</title>
<meta property="og:site_name" content="{escape(site)}">
<meta property="og:title" content="{escape(headline)}">
{meta}
</head><body>
<header><nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="subscribe">Subscribe now for unlimited access | Sign in</div></header>
<main><article>
<h1>{escape(headline)}</h1>
{author}
<div class="share">Share this article: Facebook Twitter Email</div>
{body}
</article>
<aside class="related"><h3>Most read</h3><ul><li><a href="/a">Celebrity chef opens new restaurant</a></li>
<li><a href="/b">Ten tips for a better night's sleep</a></li></ul></aside>
{thread}
</main>
<footer><p>Copyright 2025 {escape(site)}. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


def rss_feed(title: str, entries: list[dict]) -> str:
    """An RSS 2.0 feed; each entry has title, link, pubDate (RFC 822) and description (HTML)."""
    items = "\n".join(
        "<item>"
        f"<title>{escape(e['title'])}</title><link>{escape(e['link'])}</link>"
        f"<guid>{escape(e.get('guid', e['link']))}</guid>"
        + (f"<pubDate>{e['pubDate']}</pubDate>" if e.get("pubDate") else "")
        + f"<description>{escape(e.get('description', ''))}</description>"
        "</item>"
        for e in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>https://wire.example/</link>"
        f"<description>News</description>{items}</channel></rss>\n"
    )
