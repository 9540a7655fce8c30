"""resumax_http."""
