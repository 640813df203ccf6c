/**
 * What the projections' HTTP API answers, as immutable records serialized to JSON as they are. They are also the
 * wire format between instances (a forwarded query is answered with the same record), so add fields freely but do
 * not rename or remove them. Money is always integer minor units per ISO-4217 currency, never floating point.
 */
package dev.orderpipeline.projections.view;
