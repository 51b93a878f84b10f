package org.townbrain.notify;

/** What a channel delivers: a title and a text. */
record Message(String title, String text, String reference) {
}
