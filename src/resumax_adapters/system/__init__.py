"""System adapters: the real clock and id generator."""
