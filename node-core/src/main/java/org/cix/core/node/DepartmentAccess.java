package org.cix.core.node;

import org.cix.core.account.Accounts;
import org.cix.core.submission.Submissions;

/** How departments reach a node: its accounts, and the submissions they make. */
public record DepartmentAccess(Accounts accounts, Submissions submissions) {}
