"""In-memory adapters: real implementations of the ports that keep everything in memory (tests, embedding)."""
