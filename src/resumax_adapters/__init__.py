"""resumax_adapters."""
