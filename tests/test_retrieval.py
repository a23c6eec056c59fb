"""Fusion of the dense and keyword rankings, on hand-made rankings."""

from __future__ import annotations

from qa.retrieval import Fusion

ARTICLE_OF = ["a", "a", "a", "b", "c"]
SPANS = [("a", 0, 100), ("a", 30, 130), ("a", 300, 400), ("b", 0, 100), ("c", 0, 100)]


def test_reciprocal_rank_fusion_rewards_agreement():
    fused = Fusion().fuse(dense=[3, 4], keyword=[4, 3], article_of=ARTICLE_OF)
    assert fused[3] == fused[4]
    fused = Fusion().fuse(dense=[3, 4], keyword=[4], article_of=ARTICLE_OF)
    assert fused[4] > fused[3]  # found by both beats first in one
    plain = Fusion().fuse(dense=[3], keyword=[4], article_of=ARTICLE_OF)
    weighted = Fusion(dense_weight=3.0).fuse(dense=[3], keyword=[4],
                                             article_of=ARTICLE_OF)
    assert plain[3] == plain[4] and weighted[3] > weighted[4]


def test_an_article_matching_in_several_passages_ranks_up():
    rankings = dict(dense=[3, 0, 2], keyword=[3, 2, 0], article_of=ARTICLE_OF)
    assert Fusion().top(Fusion().fuse(**rankings), 1, SPANS) == [3]
    fusion = Fusion(article_weight=0.5)
    assert fusion.top(fusion.fuse(**rankings), 1, SPANS)[0] in {0, 2}


def test_overlapping_passages_of_one_article_collapse():
    fused = {0: 0.9, 1: 0.8, 2: 0.7, 3: 0.6}
    assert Fusion().top(fused, 3, SPANS) == [0, 1, 2]
    assert Fusion(collapse_overlaps=True).top(fused, 3, SPANS) == [0, 2, 3]


def test_headline_words_find_their_article_by_keyword(tmp_path, fake_embedder):
    from qa.engine import Engine
    from qa.retrieval import HybridRetriever

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Volcano erupts near Skarn\n\nAsh fell on the harbour all day.\n",
                                 encoding="utf-8")
    (seeds / "b.txt").write_text("Ferry line approved\n\nThe council met on Tuesday.\n", encoding="utf-8")
    engine = Engine(seeds, tmp_path / "index", embedder=fake_embedder)
    engine.build()
    with_titles = HybridRetriever(engine.data, Fusion(title_terms=True))
    without = HybridRetriever(engine.data, Fusion())
    assert [engine.data.chunks[i].article_id for i in with_titles._keyword("volcano", 2)] == ["a"]
    assert without._keyword("volcano", 2) == []


def test_a_word_of_a_just_added_article_weighs_as_much_as_in_one_merged_index(tmp_path, fake_embedder):
    from qa.engine import Engine
    from qa.retrieval import HybridRetriever
    from qa.store import IndexStore

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for number in range(6):
        (seeds / f"port{number}.txt").write_text(
            f"Port news {number}\n\nThe harbour of town {number} handled more ships this year.\n")
    (seeds / "port6.txt").write_text("Budget\n\nThe finance minister presented the budget.\n")
    engine = Engine(seeds, tmp_path / "index", embedder=fake_embedder, meetings=False)
    engine.build()
    (seeds / "tolvik.txt").write_text("Ferry terminal\n\nThe harbour master met the minister in Tolvik.\n")
    engine.build()  # the new article sits alone in a segment of its own
    assert len(engine.data.keyword) == 2

    def keyword_top(data):
        retriever = HybridRetriever(data)
        return [data.chunks[row].article_id for row in retriever._keyword("minister Tolvik", 3)]

    split = keyword_top(engine.data)
    IndexStore(tmp_path / "index").compact(fake_embedder.name)
    merged = keyword_top(IndexStore(tmp_path / "index").load(fake_embedder.name))
    assert split[0] == merged[0] == "tolvik"
