#!/bin/sh
# Container entry point: the JVM with the image's container settings (JAVA_OPTS) plus any per-deployment extras
# (JAVA_EXTRA_OPTS, e.g. -XX:MaxRAMPercentage=50 for the Streams roles), then the role and its arguments.
# exec: the JVM becomes PID 1's child-less successor and receives SIGTERM directly, so services drain and close.
set -eu
# shellcheck disable=SC2086 # both variables are lists of JVM options
exec java ${JAVA_OPTS:-} ${JAVA_EXTRA_OPTS:-} -jar /opt/app/app.jar "$@"
