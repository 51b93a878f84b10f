package org.townbrain.cases;

/** A 小类's time limit (处置时限), counted on the working calendar from dispatch. */
record TimeLimit(int value, Unit unit) {

    enum Unit { WORK_HOURS, WORK_DAYS }

    TimeLimit {
        if (value <= 0 || value > 365) {
            throw new IllegalArgumentException("A time limit is 1 to 365 working hours or days");
        }
        if (unit == null) {
            throw new IllegalArgumentException("A time limit needs a unit");
        }
    }
}
