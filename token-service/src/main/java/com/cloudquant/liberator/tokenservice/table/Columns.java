package com.cloudquant.liberator.tokenservice.table;

import java.util.Arrays;

/**
 * Growable primitive columns, in pages of {@value #PAGE} values: growing never copies the
 * values already held (only the small array of pages), and at most one page per column is
 * allocated ahead of use. Not thread-safe: the owner guards them with its lock.
 */
public final class Columns {

    private static final int PAGE_BITS = 13;
    static final int PAGE = 1 << PAGE_BITS;
    private static final int MASK = PAGE - 1;

    private Columns() {
    }

    private static int pageOf(int index) {
        if (index < 0) {
            throw new IndexOutOfBoundsException("negative index " + index);
        }
        return index >>> PAGE_BITS;
    }

    private static int pagesFor(int page, int held) {
        return Math.max(page + 1, Math.max(8, held * 2));
    }

    /** A column of longs; a value never set reads as 0. */
    public static final class Longs {

        private long[][] pages = new long[8][];

        public long get(int index) {
            return pages[index >>> PAGE_BITS][index & MASK];
        }

        public void set(int index, long value) {
            int page = pageOf(index);
            if (page >= pages.length) {
                pages = Arrays.copyOf(pages, pagesFor(page, pages.length));
            }
            long[] values = pages[page];
            if (values == null) {
                values = new long[PAGE];
                pages[page] = values;
            }
            values[index & MASK] = value;
        }
    }

    /** A column of ints; a value never set reads as 0. */
    public static final class Ints {

        private int[][] pages = new int[8][];

        public int get(int index) {
            return pages[index >>> PAGE_BITS][index & MASK];
        }

        public void set(int index, int value) {
            int page = pageOf(index);
            if (page >= pages.length) {
                pages = Arrays.copyOf(pages, pagesFor(page, pages.length));
            }
            int[] values = pages[page];
            if (values == null) {
                values = new int[PAGE];
                pages[page] = values;
            }
            values[index & MASK] = value;
        }
    }

    /** A column of bytes; a value never set reads as 0. */
    public static final class Bytes {

        private byte[][] pages = new byte[8][];

        public byte get(int index) {
            return pages[index >>> PAGE_BITS][index & MASK];
        }

        public void set(int index, byte value) {
            int page = pageOf(index);
            if (page >= pages.length) {
                pages = Arrays.copyOf(pages, pagesFor(page, pages.length));
            }
            byte[] values = pages[page];
            if (values == null) {
                values = new byte[PAGE];
                pages[page] = values;
            }
            values[index & MASK] = value;
        }
    }
}
