package org.rnnmemory.dynamics;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small helpers for the JSON of {@code rnnmem dynamics}. */
final class Results {
    private Results() {}

    /** Puts a number, or null when it is not finite (JSON has no infinity or NaN). */
    static void putFinite(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
