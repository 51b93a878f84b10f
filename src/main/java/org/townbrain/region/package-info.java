/**
 * The county and its parts: clusters (片区), towns (镇街) with type, tier and programme
 * membership, villages (村/社区) and grids (网格); import of official division codes.
 * Region names and codes are public to every logged-in user; everything attached to a town
 * is scoped by jurisdiction.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Region")
package org.townbrain.region;
