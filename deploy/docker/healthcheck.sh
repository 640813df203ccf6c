#!/bin/bash
# HEALTHCHECK of the image: GET /health/live on this container's HTTP port.
#   HEALTHCHECK_PORT  port to probe (default: HTTP_PORT, else 8080)
#   HEALTHCHECK_PATH  path to GET (default /health/live); "tcp" only checks that the port accepts connections
#                     (roles without HTTP health, e.g. broker)
# Uses curl when the base image has it (and then also works with HTTP_TLS_KEYSTORE set); otherwise bash's /dev/tcp,
# so the check needs nothing beyond the JRE image.
set -u
port="${HEALTHCHECK_PORT:-${HTTP_PORT:-8080}}"
path="${HEALTHCHECK_PATH:-/health/live}"
if [ "$path" = tcp ]; then
  exec 3<>"/dev/tcp/127.0.0.1/${port}" 2>/dev/null || exit 1
  exit 0
fi
if command -v curl >/dev/null 2>&1; then
  scheme=http
  [ -n "${HTTP_TLS_KEYSTORE:-}" ] && scheme=https
  # -k: the certificate names the service's public host, not 127.0.0.1; this only checks the process answers.
  exec curl -fsS -k -o /dev/null --max-time 3 "${scheme}://127.0.0.1:${port}${path}"
fi
exec 3<>"/dev/tcp/127.0.0.1/${port}" 2>/dev/null || exit 1
printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
IFS= read -r -t 3 status <&3 || exit 1
case "$status" in
  "HTTP/1."?" 200"*) exit 0 ;;
  *) exit 1 ;;
esac
