/**
 * Benchmark and chaos harness of the order pipeline. {@link dev.orderpipeline.bench.BenchMain} ({@code scripts/bench})
 * measures every service next to a baseline run in the same session; {@link dev.orderpipeline.bench.ChaosMain}
 * ({@code scripts/chaos}) drives orders while killing instances and audits the exactly-once invariants afterwards.
 *
 * <p>Everything runs on loopback, every service in a JVM of its own started from the deployable's
 * {@code Launcher} roles, so that RSS is per process and {@code kill -9} hits one instance only. This module is the
 * only one besides {@code local-stack} that depends on several services; it never changes them.
 */
package dev.orderpipeline.bench;
