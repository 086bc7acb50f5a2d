/**
 * Data quality: the rows and records a node refused, the conflicts between sources and the
 * subjects whose name differs between sources form a queue per source department; a resolution
 * becomes a correction at the record's origin (made here when this node is the origin, else sent
 * there as an objection). Per-department figures: versions received, refused by reason,
 * conflicts, open issues and the median time to fix.
 */
package org.cix.core.quality;
