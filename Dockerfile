# resuMAX: one image for the API (`resumax serve`) and the worker (`resumax worker`).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    RESUMAX_DATA_DIR=/var/lib/resumax

# Fonts for PDF exports beyond Western European text; tesseract for scanned resumes (the ocr extra).
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-dejavu-core tesseract-ocr tesseract-ocr-eng \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --system --create-home --uid 10001 resumax \
    && mkdir -p /var/lib/resumax && chown resumax /var/lib/resumax

WORKDIR /app
COPY pyproject.toml README.md ./
COPY src ./src
# EXTRAS: add "llm" to use hosted or local language models.
ARG EXTRAS="postgres,redis,s3,ocr"
RUN pip install --no-cache-dir ".[${EXTRAS}]"

USER resumax
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"
CMD ["resumax", "serve", "--host", "0.0.0.0", "--port", "8000"]
