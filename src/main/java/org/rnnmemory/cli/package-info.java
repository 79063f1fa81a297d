/**
 * The {@code rnnmem} command line (picocli): one class per command, which only parses options and
 * wires the packages below; errors from them become one line on stderr and an exit code.
 *
 * <p>The top of the house: may import every package; no package imports it.
 */
package org.rnnmemory.cli;
