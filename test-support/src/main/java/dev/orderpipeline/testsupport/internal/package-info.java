/**
 * How the shared test broker is run: broker settings, backend choice, the in-process KRaft cluster and the
 * Testcontainers alternative, and the lifecycle handle kept in JUnit's root store. Not API: other modules use
 * only the parent package, and nothing here may hold JVM-wide state outside that one store entry.
 */
package dev.orderpipeline.testsupport.internal;
