package com.cloudquant.liberator.audit.export;

import java.io.PrintWriter;

/** Formats {@code export} writes, one verified record per line. */
public enum ExportFormat {
    NDJSON {
        @Override
        public RecordExporter writingTo(PrintWriter out) {
            return new NdjsonExporter(out);
        }
    },
    CSV {
        @Override
        public RecordExporter writingTo(PrintWriter out) {
            return new CsvExporter(out);
        }
    };

    public abstract RecordExporter writingTo(PrintWriter out);
}
