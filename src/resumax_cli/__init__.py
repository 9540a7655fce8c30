"""resumax_cli."""
