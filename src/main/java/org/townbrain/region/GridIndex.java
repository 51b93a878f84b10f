package org.townbrain.region;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The unit grids held in memory for locating points. Rebuilt right after a change commits on
 * this instance, and at most {@link #RECHECK_NANOS} after a change another instance made
 * (a cheap stamp query tells).
 */
@Component
class GridIndex {

    static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(15);

    private final GridStore store;
    private volatile GridTree tree;
    private volatile String stamp;
    private volatile long checkedAt;

    GridIndex(GridStore store) {
        this.store = store;
    }

    Optional<UnitGrid> locate(double longitude, double latitude) {
        return current().locate(longitude, latitude);
    }

    private GridTree current() {
        GridTree t = tree;
        if (t == null || System.nanoTime() - checkedAt > RECHECK_NANOS) {
            synchronized (this) {
                if (tree == null || System.nanoTime() - checkedAt > RECHECK_NANOS) {
                    String now = store.stamp();
                    if (tree == null || !now.equals(stamp)) {
                        rebuild(now);
                    }
                    checkedAt = System.nanoTime();
                }
                t = tree;
            }
        }
        return t;
    }

    private void rebuild(String newStamp) {
        tree = new GridTree(store.all(null).stream().map(s -> new GridTree.Entry(s.grid(), s.polygon())).toList());
        stamp = newStamp;
    }

    /** Marks the index stale once the current transaction commits (immediately outside one). */
    void changed() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    invalidate();
                }
            });
        } else {
            invalidate();
        }
    }

    private synchronized void invalidate() {
        tree = null;
    }
}
