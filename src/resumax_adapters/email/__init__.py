"""Mailer adapters: outbox and SMTP."""
