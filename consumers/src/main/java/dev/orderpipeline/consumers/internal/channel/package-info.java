/**
 * Delivery channels (log, SMTP e-mail, HTTP webhook) behind one sealed {@link
 * dev.orderpipeline.consumers.internal.channel.Channel} interface. A channel sends one notification and classifies
 * the result as a {@link dev.orderpipeline.consumers.internal.channel.DeliveryOutcome}; it knows nothing of Kafka,
 * retries, breakers or dedupe, and owns its connection pool.
 */
package dev.orderpipeline.consumers.internal.channel;
