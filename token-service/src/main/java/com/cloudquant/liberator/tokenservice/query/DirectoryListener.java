package com.cloudquant.liberator.tokenservice.query;

/** Told about every event the directory applies, e.g. to count them in metrics. */
public interface DirectoryListener {

    void issued();

    void revoked();
}
