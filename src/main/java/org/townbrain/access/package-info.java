/**
 * Who may do what where: users with a role and a jurisdiction (county, cluster, town or
 * village), login (form, HTTP Basic, personal API tokens), the jurisdiction scope every module
 * filters by, lock-out, and the audit log of every write.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Access")
package org.townbrain.access;
