package org.cix.core.discipline;

/**
 * What a check answers for one subject and action. A punishment outweighs any reward: a subject
 * restricted for an action gets no incentive for it.
 */
public enum Decision {
  RESTRICT,
  INCENTIVE,
  NONE
}
