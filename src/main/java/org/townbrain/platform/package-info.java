/**
 * Cross-cutting infrastructure every module relies on: the bundled PostgreSQL, the web shell
 * (layout, locale, error pages and problem details) and the command-line mode.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Platform",
        type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.townbrain.platform;
