"""Adapters that implement the core's ports, and the composition root ``bootstrap``.

``resumax_adapters.bootstrap(settings, **overrides)`` is the function (bound here after its module loads);
adapter modules themselves are imported only when ``bootstrap`` chooses them.
"""

from resumax_adapters.bootstrap import Resumax, bootstrap
from resumax_adapters.settings import Settings

__all__ = ["Resumax", "Settings", "bootstrap"]
