"""DocumentParser adapters: PDF, DOCX, plain text, docling."""
