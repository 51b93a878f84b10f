package org.townbrain.checkin;

import java.util.Optional;

/** Broad industry of an enterprise, for the resumption breakdown (GB/T 4754 sections, grouped). */
enum Industry {
    AGRICULTURE, MANUFACTURING, CONSTRUCTION, TRADE, LOGISTICS, TOURISM, SERVICES, OTHER;

    static Optional<Industry> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        for (Industry industry : values()) {
            if (industry.name().equalsIgnoreCase(v) || industry.chinese().equals(v)) {
                return Optional.of(industry);
            }
        }
        return Optional.empty();
    }

    /** The label used in spreadsheets, so that a sheet exported here imports back unchanged. */
    String chinese() {
        return switch (this) {
            case AGRICULTURE -> "农林牧渔";
            case MANUFACTURING -> "制造业";
            case CONSTRUCTION -> "建筑业";
            case TRADE -> "批发零售";
            case LOGISTICS -> "交通物流";
            case TOURISM -> "文旅住宿餐饮";
            case SERVICES -> "其他服务业";
            case OTHER -> "其他";
        };
    }

    /** Enterprise size classes (大型/中型/小型/微型). */
    enum Size {
        LARGE, MEDIUM, SMALL, MICRO;

        static Optional<Size> parse(String value) {
            if (value == null || value.isBlank()) {
                return Optional.empty();
            }
            String v = value.strip();
            for (Size size : values()) {
                if (size.name().equalsIgnoreCase(v) || size.chinese().equals(v)) {
                    return Optional.of(size);
                }
            }
            return Optional.empty();
        }

        String chinese() {
            return switch (this) {
                case LARGE -> "大型";
                case MEDIUM -> "中型";
                case SMALL -> "小型";
                case MICRO -> "微型";
            };
        }
    }
}
