"""factcheck: where do news articles about one event agree, where do they conflict?

    import factcheck
    result = factcheck.compare("seeds")     # a path, or a list of paths
    result.findings_frame()

Imports are lazy: ``import factcheck`` stays fast (no pandas until a table is asked for).
"""

from __future__ import annotations

from typing import Any

__all__ = ["RuleError", "compare", "extract", "__version__"]


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    for name in ("factcheck-news", "factcheck"):
        try:
            return version(name)
        except PackageNotFoundError:
            continue
    return "0+unknown"  # a source tree that was never installed


def __getattr__(name: str) -> Any:
    if name in ("extract", "compare"):
        from . import pipeline

        return getattr(pipeline, name)
    if name == "RuleError":
        from .rules import RuleError

        return RuleError
    if name == "__version__":
        return _version()
    raise AttributeError(f"module 'factcheck' has no attribute {name!r}")
