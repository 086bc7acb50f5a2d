/**
 * Joint discipline (联合奖惩): the measures that list entries trigger, and the check that applies
 * them to a subject and an action ("break faith once, be limited everywhere").
 */
package org.cix.core.discipline;
