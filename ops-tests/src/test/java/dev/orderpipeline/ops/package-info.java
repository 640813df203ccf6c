/**
 * Tests of the deployment and operations files of the repository (deploy/, docker-compose.yml, scripts/): they
 * parse and cross-check them, run the real validators where installed (docker-compose, promtool, haproxy,
 * kubectl, shellcheck) and skip with the package to install where not. They never start containers: there may be no
 * Docker engine. {@code LocalClusterSmokeIT} runs the real multi-process cluster on loopback.
 */
package dev.orderpipeline.ops;
