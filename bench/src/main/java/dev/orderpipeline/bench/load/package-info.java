/**
 * Load generation on loopback. An HTTP/1.1 keep-alive client small enough not to be the bottleneck (one blocking
 * socket per connection, on virtual threads), run either closed-loop (fixed concurrency: what a server can take) or
 * open-loop (fixed offered rate: what latency users see). Open-loop latency is measured from when a request was
 * <em>due</em>, not when it was sent, so a stalled server cannot hide its stall by slowing the generator down
 * (coordinated omission); HdrHistogram keeps the distribution.
 */
package dev.orderpipeline.bench.load;
