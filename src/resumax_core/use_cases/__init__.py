"""Use cases: one small class per action, each with one async method."""
