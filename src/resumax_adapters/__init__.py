"""Adapters that implement the core's ports, and the composition root ``bootstrap``."""

from resumax_adapters.bootstrap import Resumax, bootstrap
from resumax_adapters.settings import Settings

__all__ = ["Resumax", "Settings", "bootstrap"]
