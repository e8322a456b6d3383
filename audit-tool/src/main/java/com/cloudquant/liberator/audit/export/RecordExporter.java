package com.cloudquant.liberator.audit.export;

import com.cloudquant.liberator.audit.verify.ReplayListener;

/** Writes each verified record as it is replayed, so an export of any size streams. */
public interface RecordExporter extends ReplayListener {

    /** Writes what is still buffered. */
    void finish();
}
