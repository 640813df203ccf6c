/**
 * The exactly-once audit under crashes. {@link dev.orderpipeline.bench.chaos.ChaosRun} starts a multi-process
 * cluster, drives a steady mix of HTTP and directly produced orders against tight stock and funds, meanwhile
 * {@code kill -9}s saga and projections instances and restarts the broker, then reads every topic and the query API
 * and checks the pipeline's invariants ({@link dev.orderpipeline.bench.chaos.Audit}, pure and unit-tested).
 */
package dev.orderpipeline.bench.chaos;
