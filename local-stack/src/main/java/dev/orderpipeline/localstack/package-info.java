/**
 * Assembles the whole pipeline in one JVM for trying it out and for end-to-end tests. The only module besides the
 * benchmark harness that depends on several services; it adds wiring, never behaviour.
 */
package dev.orderpipeline.localstack;
