package com.cloudquant.liberator.audit.testing;

import com.cloudquant.liberator.audit.source.RecordBatches;
import com.cloudquant.liberator.tokenlog.LogRecord;
import java.util.ArrayList;
import java.util.List;

/** Record values served from memory in fixed-size batches, offsets 0, 1, 2, … */
public final class ListRecordBatches implements RecordBatches {

    private final List<byte[]> values;
    private final int batchSize;
    private int next;

    public ListRecordBatches(List<byte[]> values, int batchSize) {
        this.values = List.copyOf(values);
        this.batchSize = batchSize;
    }

    @Override
    public long endOffset() {
        return values.size();
    }

    @Override
    public List<LogRecord> next() {
        List<LogRecord> batch = new ArrayList<>();
        while (next < values.size() && batch.size() < batchSize) {
            batch.add(new LogRecord(next, values.get(next)));
            next++;
        }
        return batch;
    }

    @Override
    public void close() {
    }
}
