package org.rnnmemory.plot;

import java.awt.Color;

/**
 * Colour-blind-safe qualitative palette (Okabe and Ito, "Color Universal Design", 2008), ordered
 * for contrast on white. Yellow is left out: it is unreadable as a thin line on white.
 */
public final class Palette {
    private Palette() {}

    public static final Color BLUE = new Color(0x0072B2);
    public static final Color VERMILLION = new Color(0xD55E00);
    public static final Color BLUISH_GREEN = new Color(0x009E73);
    public static final Color ORANGE = new Color(0xE69F00);
    public static final Color REDDISH_PURPLE = new Color(0xCC79A7);
    public static final Color SKY_BLUE = new Color(0x56B4E9);
    public static final Color BLACK = new Color(0x000000);
    /** Neutral grey for context (individual seeds, reference lines). */
    public static final Color GREY = new Color(0x999999);

    /** The series colours in order of use. */
    public static Color[] series() {
        return new Color[] {BLUE, VERMILLION, BLUISH_GREEN, ORANGE, REDDISH_PURPLE, SKY_BLUE, BLACK};
    }

    /** The k-th series colour, cycling. */
    public static Color get(int k) {
        Color[] c = series();
        return c[Math.floorMod(k, c.length)];
    }

    /** A colour with the given alpha (0..255), for many overlapping thin lines. */
    public static Color withAlpha(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }
}
