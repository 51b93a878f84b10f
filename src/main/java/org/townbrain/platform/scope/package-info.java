/** Jurisdiction scope: what part of the county the current caller may see. */
package org.townbrain.platform.scope;
