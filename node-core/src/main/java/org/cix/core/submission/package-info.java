/**
 * Departments' submissions of their exports over the department API: each one ingested under
 * its account once (the same file again answers the first receipt), with a receipt its
 * department's accounts can read and no one else's.
 */
package org.cix.core.submission;
