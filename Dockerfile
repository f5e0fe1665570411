# Clausier — production image (PostgreSQL through CLAUSIER_DATABASE_URL).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    CLAUSIER_CLAUSES_DIR=/app/clauses \
    CLAUSIER_FAMILIES_DIR=/app/families \
    CLAUSIER_OBLIGATIONS_DIR=/app/obligations \
    CLAUSIER_SUPPLIER_DATA_DIR=/app/supplier_data \
    CLAUSIER_DATABASE_URL=sqlite:////app/var/clausier.db

WORKDIR /app
RUN useradd --create-home --uid 10001 clausier
COPY pyproject.toml README.md ./
COPY app ./app
RUN pip install .
COPY clauses ./clauses
COPY families ./families
COPY obligations ./obligations
COPY references ./references
COPY supplier_data ./supplier_data
RUN mkdir -p /app/var && chown -R clausier:clausier /app/var

USER clausier
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/api/v1/health', timeout=4).status == 200 else 1)"
CMD ["clausier", "serve", "--host", "0.0.0.0"]
