/** The embedded KRaft broker and other local-only plumbing; not API. */
package dev.orderpipeline.localstack.internal;
