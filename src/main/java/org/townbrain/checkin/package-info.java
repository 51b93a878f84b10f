/**
 * Venue check-in (出入登记) and enterprise work resumption (复工复产): venues with unguessable
 * codes and printable QR posters, one-tap check-in for returning visitors, phone numbers kept
 * encrypted and purged after the retention period, audited trace queries for duty officers,
 * and enterprises' daily resumption reports.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Check-in", allowedDependencies = {"region", "access", "cases"})
package org.townbrain.checkin;
