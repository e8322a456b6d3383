package com.cloudquant.liberator.process;

/**
 * A child program could not be started, exited or failed while it was awaited, or was not ready
 * in time. The message names the program, its log file and the last lines it wrote.
 */
public final class ChildProcessException extends RuntimeException {

    ChildProcessException(String message, Throwable cause) {
        super(message, cause);
    }
}
