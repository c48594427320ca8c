# Gonghui's container image (README "Production"): built in one stage with uv, run in another as a
# non-root user with only the virtual environment and the code. One image runs every role:
#   web:      gunicorn -c deploy/gunicorn.conf.py config.wsgi  (the default command)
#   worker:   python manage.py rqworker default --job-class django_tasks_rq.Job
#   periodic: python manage.py periodic   (from a scheduler every 5 minutes)
FROM python:3.11-slim-bookworm AS build
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_PYTHON_DOWNLOADS=never
RUN pip install --no-cache-dir uv==0.13.9
WORKDIR /srv/gonghui
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project
COPY . .
# Static files are collected at build time with throwaway settings values; the real secrets come
# from the environment at run time and never enter the image.
RUN GONGHUI_PRODUCTION=1 GONGHUI_SECRET_KEY=build-only-$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n') \
    GONGHUI_FIELD_KEYS=build:$(head -c 32 /dev/urandom | base64) GONGHUI_INDEX_KEY=$(head -c 32 /dev/urandom | base64) \
    GONGHUI_AUDIT_KEY=build:$(head -c 32 /dev/urandom | base64) GONGHUI_AUDIT_CHECKPOINT_SYSLOG=/dev/log \
    GONGHUI_AUDIT_CHECKPOINT_PUBLIC_KEYS=$(head -c 32 /dev/urandom | base64) GONGHUI_ALLOWED_HOSTS=build \
    .venv/bin/python manage.py collectstatic --noinput -v0

FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /srv/gonghui --shell /usr/sbin/nologin gonghui
WORKDIR /srv/gonghui
COPY --from=build --chown=root:root /srv/gonghui /srv/gonghui
RUN mkdir -p var/media && chown -R gonghui:gonghui var
ENV PATH=/srv/gonghui/.venv/bin:$PATH PYTHONUNBUFFERED=1 GONGHUI_PRODUCTION=1 GONGHUI_BIND=0.0.0.0:8000 \
    GONGHUI_BEHIND_PROXY=1
USER gonghui
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"
CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py", "config.wsgi"]
