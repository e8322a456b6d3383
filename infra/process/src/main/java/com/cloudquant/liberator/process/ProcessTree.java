package com.cloudquant.liberator.process;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child and every process it started, as they are at one moment. The snapshot is taken before
 * anything is signalled: once the child dies its children are re-parented and no longer its
 * descendants. The child is signalled first, so it cannot start again what is ended next (nginx's
 * master restarts a worker that dies).
 */
final class ProcessTree {

    private final Process root;
    private final List<ProcessHandle> descendants;

    private ProcessTree(Process root, List<ProcessHandle> descendants) {
        this.root = root;
        this.descendants = descendants;
    }

    static ProcessTree of(Process root) {
        return new ProcessTree(root, root.descendants().toList());
    }

    /** SIGTERM to each: a chance to flush and release ports. */
    void terminate() {
        root.destroy();
        descendants.forEach(ProcessHandle::destroy);
    }

    /** SIGKILL to each: no chance to do anything, as in a crash. */
    void kill() {
        root.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    /** Whether all of them exited within {@code timeout}. */
    boolean awaitGone(Duration timeout) {
        CompletableFuture<?>[] exits = new CompletableFuture<?>[descendants.size() + 1];
        exits[0] = root.onExit();
        for (int i = 0; i < descendants.size(); i++) {
            exits[i + 1] = descendants.get(i).onExit();
        }
        try {
            CompletableFuture.allOf(exits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for the exit of " + root.pid() + " failed", e.getCause());
        }
    }
}
