/** See {@link dev.orderpipeline.platform}. */
package dev.orderpipeline.platform.kafka;
