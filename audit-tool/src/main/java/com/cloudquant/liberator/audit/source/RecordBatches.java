package com.cloudquant.liberator.audit.source;

import com.cloudquant.liberator.tokenlog.LogRecord;
import java.util.List;

/**
 * The log as a sequence of batches in offset order, from the first record up to the end
 * offset seen when reading started (records written later are not part of this audit).
 */
public interface RecordBatches extends AutoCloseable {

    /** One past the last offset this read covers, fixed when reading starts. */
    long endOffset();

    /** The next batch, in offset order; empty once every record before {@link #endOffset()} was returned. */
    List<LogRecord> next();

    @Override
    void close();
}
