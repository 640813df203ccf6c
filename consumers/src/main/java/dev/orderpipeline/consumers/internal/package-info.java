/**
 * The dispatcher's machinery: the poll loop and its commit points ({@code DispatchLoop}), decoding and settling
 * of one batch, dedupe state ({@code dedupe}), retry scheduling ({@code retry}) and the channels ({@code channel}).
 * Not API: only {@link dev.orderpipeline.consumers.NotificationService} builds and runs these classes.
 */
package dev.orderpipeline.consumers.internal;
