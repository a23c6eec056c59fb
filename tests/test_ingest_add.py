"""`qa add`: files, folders and addresses served from 127.0.0.1 land in the articles folder and
the index follows; an item without articles gives one error line and changes nothing."""

import socket
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from .conftest import invoke
from .news_pages import STORY, news_page, rss_feed


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def site(tmp_path: Path):
    """(base URL, folder it serves) of a web server on 127.0.0.1."""
    served = tmp_path / "site"
    served.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(served)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", served
    server.shutdown()
    server.server_close()
    thread.join()


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _add(runner, tmp_path: Path, *items: str):
    return invoke(runner, "add", *items, "--seeds", str(tmp_path / "seeds"),
                  "--index", str(tmp_path / "index"))


def test_add_fetches_a_page_and_a_feed_and_updates_the_index(runner, tmp_path, site):
    base, served = site
    (served / "cairo.html").write_text(news_page("Egypt and Jordan discuss Gaza", STORY,
                                                 published="2025-03-03"))
    (served / "feed").write_text(rss_feed("Wire", [
        {"title": "Egypt and Jordan discuss Gaza", "link": f"{base}/cairo.html",
         "pubDate": "Mon, 03 Mar 2025 10:00:00 GMT", "description": "A summary."},
        {"title": "Markets steady", "link": f"{base}/markets",
         "description": "Shares were little changed on Wednesday."},
    ]))
    result = _add(runner, tmp_path, f"{base}/cairo.html", f"{base}/feed")
    assert result.exit_code == 0, result.output
    site_folder = tmp_path / "seeds" / "127.0.0.1"
    assert sorted(p.name for p in site_folder.iterdir()) == ["cairo.html", "feed.rss"]
    assert "(1 article)" in result.stdout and "(2 articles)" in result.stdout
    # The feed's entry for the fetched page reads the page: one story, folded into the page.
    assert "3 articles (3 added" not in result.stdout
    assert "2 articles (2 added" in result.stdout and "1 duplicate folded" in result.stdout
    again = _add(runner, tmp_path, f"{base}/cairo.html")
    assert "already in the articles folder" in again.stdout
    assert "0 embedded" in again.stdout


def test_add_copies_local_files_and_folders(runner, tmp_path):
    notes = tmp_path / "notes"
    (notes / "more").mkdir(parents=True)
    (notes / "oslo.txt").write_text("Ministers meet in Oslo\n\n3 March 2025\n\nThey met in Oslo.\n")
    (notes / "more" / "rome.md").write_text("# Summit in Rome\n\nLeaders gathered in Rome.\n")
    result = _add(runner, tmp_path, str(notes / "oslo.txt"), str(notes / "more"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "seeds" / "oslo.txt").is_file()
    assert (tmp_path / "seeds" / "more" / "rome.md").is_file()
    assert "2 articles (2 added" in result.stdout
    (notes / "oslo.txt").write_text("Ministers meet in Oslo\n\nA different text now.\n")
    clash = _add(runner, tmp_path, str(notes / "oslo.txt"))
    assert (tmp_path / "seeds" / "oslo-2.txt").is_file()  # never replaces a file already there
    assert "1 added" in clash.stdout


def test_add_errors_are_one_line_and_change_nothing(runner, tmp_path, site):
    base, served = site
    (served / "menu.html").write_text(
        "<html><head><title>Shop</title></head><body><nav><ul><li><a href='/'>Home</a></li>"
        "<li><a href='/w'>World</a></li></ul></nav></body></html>")
    (served / "broken.rss").write_text("<rss><channel><item><title>unclosed")
    good = tmp_path / "good.txt"
    good.write_text("Ministers meet in Oslo\n\nThey met in Oslo.\n")
    result = _add(runner, tmp_path, f"{base}/menu.html", f"{base}/broken.rss", f"{base}/gone.html",
                  f"http://127.0.0.1:{_closed_port()}/x.html", str(tmp_path / "nope.txt"), str(good))
    assert result.exit_code == 1
    errors = result.stderr.strip().split("\n")
    assert errors == [
        f"error: {base}/menu.html: no article text in it",
        errors[1],
        f"error: {base}/gone.html: the server answered 404 File not found",
        errors[3],
        f"error: {tmp_path / 'nope.txt'}: no such file or folder",
    ]
    assert errors[1].startswith(f"error: {base}/broken.rss: malformed feed (")
    assert errors[3].startswith("error: http://127.0.0.1:") and ": unreachable (" in errors[3]
    seeds = tmp_path / "seeds"
    assert sorted(p.relative_to(seeds).as_posix() for p in seeds.rglob("*") if p.is_file()) == [
        "good.txt"]
    assert "1 articles (1 added" in result.stdout


def test_add_with_nothing_added_builds_nothing(runner, tmp_path):
    result = _add(runner, tmp_path, str(tmp_path / "missing.html"))
    assert result.exit_code == 1
    assert not (tmp_path / "index").exists()
