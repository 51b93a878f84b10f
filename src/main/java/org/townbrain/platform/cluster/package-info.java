/** Running several instances on one database: background jobs that run once per period across all of them. */
package org.townbrain.platform.cluster;
