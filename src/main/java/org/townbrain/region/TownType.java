package org.townbrain.region;

/** A town type (创建类型), as data: the seven provincial types by default. */
public record TownType(String code, String nameZh, String nameEn, boolean assumed) {
}
