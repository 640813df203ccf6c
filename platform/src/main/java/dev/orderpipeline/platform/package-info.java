/**
 * Plumbing shared by the services: configuration ({@code config}), Kafka Streams defaults and dead-letter
 * handlers ({@code streams}), problem+json errors ({@code http}), health and metrics endpoints. It must never hold
 * business rules or know any topic's meaning beyond its name.
 */
package dev.orderpipeline.platform;
