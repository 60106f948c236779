# The portal's image: gunicorn (web) or `manage.py db_worker` (worker), as compose.yaml runs them.
#
# Thin on purpose: it installs the pinned requirements the way `make` does (`make .venv/.runtime`), collects
# the static files, and runs only commands that CI runs outside containers (gunicorn -c gunicorn.conf.py,
# manage.py commands). Build: docker build -t portal .   Run: see compose.yaml and the README.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/app/.venv/bin:$PATH \
    VAR_DIR=/app/var \
    MEDIA_ROOT=/app/var/media \
    BACKUP_DIR=/app/var/backups \
    STATIC_ROOT=/app/static \
    GUNICORN_BIND=0.0.0.0:8000

# make: the Makefile's targets work in the container too; postgresql-client: pg_dump and pg_restore for
# `manage.py backup_portal` / `restore_portal` (version 15, the same as the db service's image).
RUN apt-get update \
    && apt-get install -y --no-install-recommends make postgresql-client \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system portal \
    && useradd --system --gid portal --home-dir /app --no-create-home --shell /usr/sbin/nologin portal

WORKDIR /app
# Requirements first: the dependency layer is rebuilt only when requirements.txt changes.
COPY requirements.txt Makefile ./
RUN make .venv/.runtime

COPY . .
# Static files are collected into the image (whitenoise serves them, hashed and compressed), with DEBUG off
# so the manifest storage is used. The key and host are build-time placeholders: settings refuse to start
# without them, and nothing here is served.
RUN DEBUG=false SECRET_KEY=build-time-placeholder-not-used-at-run-time-0123456789 ALLOWED_HOSTS=build \
        python manage.py collectstatic --no-input --verbosity 0 \
    && mkdir -p /app/var/media /app/var/backups \
    && chown -R portal:portal /app/var

USER portal
EXPOSE 8000
CMD ["gunicorn", "-c", "gunicorn.conf.py"]
