"""Rate limiters shared across processes (Redis); the in-process one lives in ``memory``."""
