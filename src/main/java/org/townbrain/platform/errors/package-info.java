/** Exceptions that every module throws to say "not found", "conflict" or "rejected", and how they are answered. */
package org.townbrain.platform.errors;
