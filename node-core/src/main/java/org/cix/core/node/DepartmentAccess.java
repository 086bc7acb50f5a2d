package org.cix.core.node;

import org.cix.core.account.Accounts;
import org.cix.core.correction.DepartmentRequests;
import org.cix.core.submission.Submissions;

/** How departments reach a node: its accounts, the submissions they make and the requests they decide. */
public record DepartmentAccess(Accounts accounts, Submissions submissions, DepartmentRequests requests) {}
