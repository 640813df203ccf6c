/**
 * Child JVMs of the harness: how they are launched (class path, JVM options, a clean environment), watched (health
 * endpoint, resident memory from {@code /proc}) and ended ({@code SIGTERM}, or {@code SIGKILL} on purpose). The
 * harness only ever ends processes it started itself, by their handle.
 */
package dev.orderpipeline.bench.process;
