"""resuMAX core: entities, ports, use cases and the pure analysis pipeline.

It imports only the standard library and attrs, so it can be embedded anywhere and tested with in-memory
adapters. Wire it to real adapters with ``resumax_adapters.bootstrap``.

``check_rewrite(resume_text, before, after)`` is the truthfulness guard on its own: it lists every fact a
rewrite adds that the resume does not support (employer, title, institution, degree, date, metric,
certification, skill).
"""

from resumax_core.analysis.guard import check_rewrite
from resumax_core.entities import Violation

__all__ = ["Violation", "check_rewrite"]
