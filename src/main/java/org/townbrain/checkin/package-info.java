/**
 * Venue check-in (出入登记) and enterprise work resumption (复工复产): venues with unguessable
 * codes and printable QR posters, one-tap check-in for returning visitors, phone numbers kept
 * encrypted and purged after the retention period, audited trace queries for duty officers,
 * and enterprises' daily resumption reports.
 *
 * <p>The busiest request, a returning visitor's JSON check-in, deliberately leaves the usual
 * path: {@link org.townbrain.checkin.ReturningCheckinFilter} answers it before Spring Security
 * and Spring MVC (with the same answer and headers), and
 * {@link org.townbrain.checkin.ReturningCheckins} writes concurrent check-ins together, one
 * statement and one commit per group, through the PL/pgSQL function
 * {@code checkin_returning_group}. Everything else about a check-in goes the ordinary way.
 * Measurements: {@code bench/checkin/README.md}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Check-in", allowedDependencies = {"region", "access", "cases"})
package org.townbrain.checkin;
