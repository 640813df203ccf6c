/**
 * Test fixtures for registry tests: the real Apicurio Registry started as a child process, JUnit extensions that
 * provide registry servers, and schemas with known compatibility. Tests only; nothing here ships.
 */
package dev.orderpipeline.registry.support;
