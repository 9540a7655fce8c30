"""Blob stores: local disk and S3."""
