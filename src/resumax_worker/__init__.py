"""resumax_worker."""
