"""Sentence- and paragraph-aware chunking: a chunk is whole sentences of one paragraph."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .models import Article, Chunk
from .text import MAX_SENTENCE_CHARS, sentence_spans


@dataclass(frozen=True)
class ChunkSettings:
    max_chars: int = 600  # fits MiniLM's 256-token window with the headline prepended
    overlap_sentences: int = 1  # a sentence shared with the previous chunk keeps context
    # News paragraphs are often one sentence: a window may span paragraphs to give the encoder
    # and the reader enough context. A chunk then cites the paragraph it starts in.
    across_paragraphs: bool = False

    def to_dict(self) -> dict:
        # The sentence bound is part of how passages are cut: an index cut without it is redone.
        return {**asdict(self), "max_sentence_chars": MAX_SENTENCE_CHARS}

    @property
    def max_passage_chars(self) -> int:
        """No passage is longer: sentences are bounded, and only whole ones are grouped."""
        return max(self.max_chars, MAX_SENTENCE_CHARS)


def chunk_article(article: Article, settings: ChunkSettings = ChunkSettings()) -> list[Chunk]:
    if settings.across_paragraphs:
        return _windows(article, settings)
    chunks: list[Chunk] = []
    for number, (p_start, _p_end) in enumerate(article.paragraph_offsets(), start=1):
        paragraph = article.paragraphs[number - 1]
        for s_start, s_end in _group_sentences(paragraph, settings):
            start, end = p_start + s_start, p_start + s_end
            chunks.append(Chunk(article.id, number, start, end, paragraph[s_start:s_end]))
    return chunks


def embedding_text(article: Article, chunk: Chunk) -> str:
    """What gets embedded: the headline gives a short paragraph the context it lacks."""
    return f"{article.title}. {chunk.text}"


def _windows(article: Article, settings: ChunkSettings) -> list[Chunk]:
    """Whole sentences of consecutive paragraphs, up to ``max_chars`` a window."""
    text = article.text
    spans: list[tuple[int, int]] = []
    paragraph_of: dict[int, int] = {}
    for number, (p_start, p_end) in enumerate(article.paragraph_offsets(), start=1):
        for s_start, s_end in sentence_spans(text[p_start:p_end]) or [(0, p_end - p_start)]:
            spans.append((p_start + s_start, p_start + s_end))
            paragraph_of[p_start + s_start] = number
    return [Chunk(article.id, paragraph_of[start], start, end, text[start:end])
            for start, end in _group_spans(spans, settings)]


def _group_sentences(paragraph: str, settings: ChunkSettings) -> list[tuple[int, int]]:
    return _group_spans(sentence_spans(paragraph) or [(0, len(paragraph))], settings)


def _group_spans(spans: list[tuple[int, int]], settings: ChunkSettings) -> list[tuple[int, int]]:
    groups: list[tuple[int, int]] = []
    first = 0
    while first < len(spans):
        last = first
        # Grow the chunk while it stays under the limit; a single long sentence (already bounded by
        # sentence_spans) is kept whole.
        while last + 1 < len(spans) and spans[last + 1][1] - spans[first][0] <= settings.max_chars:
            last += 1
        groups.append((spans[first][0], spans[last][1]))
        if last + 1 >= len(spans):
            break
        first = max(first + 1, last + 1 - settings.overlap_sentences)
    return groups
