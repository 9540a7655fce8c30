"""DocumentRenderer adapters: PDF, DOCX, plain text."""
