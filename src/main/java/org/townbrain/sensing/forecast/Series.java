package org.townbrain.sensing.forecast;

import java.util.Arrays;

/** A growable series of floats indexed by 5-minute step, NaN where nothing was seen. */
final class Series {

    private float[] values;
    private int length;

    Series() {
        values = new float[2048];
        Arrays.fill(values, Float.NaN);
    }

    void set(int index, float value) {
        ensure(index);
        values[index] = value;
    }

    void add(int index, float value) {
        ensure(index);
        float old = values[index];
        values[index] = Float.isNaN(old) ? value : old + value;
    }

    float get(int index) {
        return index >= 0 && index < length ? values[index] : Float.NaN;
    }

    int length() {
        return length;
    }

    private void ensure(int index) {
        if (index >= values.length) {
            int old = values.length;
            values = Arrays.copyOf(values, Math.max(index + 1, old * 2));
            Arrays.fill(values, old, values.length, Float.NaN);
        }
        if (index >= length) {
            length = index + 1;
        }
    }
}
