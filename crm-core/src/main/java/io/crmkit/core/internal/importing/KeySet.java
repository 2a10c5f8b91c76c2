package io.crmkit.core.internal.importing;

import java.nio.charset.StandardCharsets;

/**
 * A set of 64-bit fingerprints of keys in one open-addressing array: about 16 bytes per key, so an
 * import can spot duplicate keys in any input without keeping the keys. Two different keys collide
 * with probability about n²/2⁶⁵ (under 10⁻⁵ for ten million keys). Not thread-safe.
 */
public final class KeySet {
    private long[] slots = new long[64];
    private int size;

    public boolean contains(String key) {
        long h = fingerprint(key);
        int mask = slots.length - 1;
        for (int i = (int) mix(h) & mask; slots[i] != 0; i = (i + 1) & mask) {
            if (slots[i] == h) {
                return true;
            }
        }
        return false;
    }

    /** Adds the key; false if it was there. */
    public boolean add(String key) {
        return addFingerprint(fingerprint(key));
    }

    public void addAll(KeySet other) {
        for (long h : other.slots) {
            if (h != 0) {
                addFingerprint(h);
            }
        }
    }

    private boolean addFingerprint(long h) {
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        int i = (int) mix(h) & mask;
        while (slots[i] != 0) {
            if (slots[i] == h) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = h;
        size++;
        return true;
    }

    public int size() {
        return size;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (long h : old) {
            if (h != 0) {
                addFingerprint(h);
            }
        }
    }

    /** FNV-1a over the UTF-8 bytes, never 0 (0 marks an empty slot). */
    static long fingerprint(String key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h = mix(h);
        return h == 0 ? 1 : h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
