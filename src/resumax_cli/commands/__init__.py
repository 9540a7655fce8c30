"""Command groups of the resumax CLI."""
