package org.rnnmemory.analysis.stats;

import java.util.Map;

/** A statistical result that can be written as one table row. */
public interface StatResult {

    /**
     * Column name to value, in column order. Names are the CSV column names
     * (snake_case); values are {@link Integer}, {@link Long}, {@link Double} or {@link String}.
     */
    Map<String, Object> columns();
}
