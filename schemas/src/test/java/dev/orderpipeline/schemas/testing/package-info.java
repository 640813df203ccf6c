/**
 * Test helpers of the schemas module: a unique {@code mock://} registry scope per test, sample records of every
 * contract, and a call-counting registry client. Test code only; production code must not depend on it.
 */
package dev.orderpipeline.schemas.testing;
