package org.townbrain.checkin;

/** An enterprise that reports its work resumption, identified by its unified social credit code. */
record Enterprise(long id, String uscc, String name, String townCode, String villageCode, Industry industry,
        Industry.Size size, int workers, boolean demo, int version) {
}
