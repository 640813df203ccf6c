/**
 * Key layouts of the range-scanned stores, shared by the processors that write them and the queries that read
 * them. String keys are stored as UTF-8 and compared byte-wise by RocksDB, so every layout here is designed so that
 * the keys of one month or one customer form one contiguous, correctly ordered range. Changing a layout orphans the
 * existing state: it needs a new store name.
 */
package dev.orderpipeline.projections.internal.store;
