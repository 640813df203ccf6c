package dev.orderpipeline.consumers.internal.channel;

/** An e-mail ready to send: subject, plain-text body and the HTML alternative. */
record RenderedMessage(String subject, String text, String html) {
}
