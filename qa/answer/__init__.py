"""The answer stage: question analysis, the span reader, the scorer, follow-ups, meetings."""

from .pipeline import AnswerPipeline

__all__ = ["AnswerPipeline"]
