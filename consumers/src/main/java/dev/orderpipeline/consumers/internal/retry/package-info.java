/**
 * Non-blocking retries: when a failed notification is due again (exponential backoff with jitter), which retry
 * topic tier carries it, and the headers that travel with the copy. Pure computation and header codecs; the
 * dispatcher does the producing and the pausing of not-yet-due partitions.
 */
package dev.orderpipeline.consumers.internal.retry;
