package org.townbrain.platform.scope;

/** Answers "what may the current caller see?"; implemented once, by the access module. */
public interface ScopeProvider {

    /** The scope of the caller on this thread; {@link Scope#none()} when nobody is logged in. */
    Scope current();
}
