"""Renderers of a ``Comparison``: terminal table, Markdown, JSON."""

from .base import Comparison, escape_md, section_of
from .jsonout import render_json
from .markdown import render_markdown
from .table import render_table

__all__ = ["Comparison", "escape_md", "render_json", "render_markdown", "render_table", "section_of"]
