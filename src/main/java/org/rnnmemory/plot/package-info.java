/**
 * Figures in the house style: XChart charts written as PNG and SVG, sizes, palette, grids, and the
 * filtering of points before they are drawn.
 *
 * <p>May import {@code io} only.
 */
package org.rnnmemory.plot;
