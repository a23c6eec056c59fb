"""`qa mcp`: the tools, called in-process through the SDK's client over in-memory streams
(JSON-RPC, as over stdio), on the seed article with the hashing embedder."""

import json
import os
import subprocess
import sys

import pytest
from mcp import Client, StdioServerParameters

from qa.engine import Engine
from qa.mcp_server import create_server

from .conftest import REPO, SEED_ID
from .hashing import HashingEmbedder


@pytest.fixture
def server(seeds_copy, tmp_path):
    engine = Engine(seeds_copy, tmp_path / "index", embedder=HashingEmbedder())
    return create_server(engine, k=3)  # no index yet: the first call builds it


async def call(server, tool: str, **arguments):
    async with Client(server, mode="legacy") as client:
        return await client.call_tool(tool, arguments)


async def test_lists_the_four_tools(server):
    async with Client(server, mode="legacy") as client:
        listed = await client.list_tools()
    assert {tool.name for tool in listed.tools} == {"ask", "search", "meetings", "article"}


async def test_ask_gives_the_ask_json_schema(server):
    result = await call(server, "ask", question="Who did Turkey's intelligence chief meet?")
    assert not result.is_error
    answer = result.structured_content
    assert set(answer) >= {"question", "answer", "evidence", "passages", "kind", "confidence"}
    assert len(answer["passages"]) == 3  # the server's k
    assert answer["passages"][0]["article"] == SEED_ID
    assert json.loads(result.content[0].text) == answer  # the same as text, for plain clients


async def test_search_returns_passages_with_citation_fields(server):
    result = await call(server, "search", query="Damascus intelligence", k=2)
    passages = result.structured_content["passages"]
    assert len(passages) == 2
    assert set(passages[0]) == {"article", "title", "date", "paragraph", "text", "score"}


async def test_meetings_filters_and_cites(server):
    found = (await call(server, "meetings", person="Mamlouk")).structured_content["meetings"]
    assert found and all("Ali Mamlouk" in {p["name"] for p in m["participants"]} for m in found)
    evidence = found[0]["evidence"][0]
    assert evidence["title"].startswith("Contacts between Turkey and Syria")
    assert evidence["citation"].startswith(evidence["title"] + " · 2022-09-16 · ¶")
    assert evidence["text"] and found[0]["sources"] == [SEED_ID]
    none = await call(server, "meetings", person="Mamlouk", until="2001-01-01")
    assert none.structured_content == {"meetings": []}


async def test_article_by_id_and_unknown_id(server):
    article = (await call(server, "article", id=SEED_ID)).structured_content
    assert article["id"] == SEED_ID and article["date"] == "2022-09-16"
    assert len(article["paragraphs"]) > 3
    missing = await call(server, "article", id="nope")
    assert missing.is_error and "no article 'nope' in the index" in missing.content[0].text


async def test_bad_arguments_are_clear_errors(server):
    bad_date = await call(server, "meetings", since="soon")
    assert bad_date.is_error and "'soon' is not a date" in bad_date.content[0].text
    bad_k = await call(server, "search", query="Damascus", k=500)
    assert bad_k.is_error and "k must be between 1 and 50" in bad_k.content[0].text
    empty = await call(server, "ask", question="  ")
    assert empty.is_error and "the question is empty" in empty.content[0].text


def test_mcp_command_is_registered_and_lazy():
    code = ("import sys; from click.testing import CliRunner; from qa.cli import main;"
            "r = CliRunner().invoke(main, ['mcp', '--help']); assert r.exit_code == 0, r.output;"
            "print('mcp' in sys.modules)")
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO,
                            check=True)
    assert output.stdout.strip() == "False"


async def test_qa_mcp_speaks_over_stdio(seeds_copy, tmp_path):
    """The command itself, as a client starts it: stdout carries nothing but the protocol."""
    args = ["-m", "tests.hashing", "mcp", "--seeds", str(seeds_copy), "--index", str(tmp_path / "index")]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    async with Client(StdioServerParameters(command=sys.executable, args=args, env=env, cwd=str(REPO))) as client:
        assert len((await client.list_tools()).tools) == 4
        found = await client.call_tool("search", {"query": "Damascus", "k": 1})
    assert found.structured_content["passages"][0]["article"] == SEED_ID
