package org.cix.core.sharing;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cix.core.audit.AuditEvent;
import org.cix.core.audit.AuditLog;
import org.cix.core.catalog.Catalog;
import org.cix.core.error.CixException;
import org.cix.core.record.ChinaDate;

/**
 * The grants this node issued, read on every record sent and every query answered: kept in memory,
 * written through to the store.
 */
public final class Grants {
  private final GrantStore store;
  private final AuditLog audit;
  private final Catalog catalog;
  private final String self;
  private final Clock clock;
  private volatile List<Grant> all;

  public Grants(GrantStore store, AuditLog audit, Catalog catalog, String self, Clock clock) {
    this.store = store;
    this.audit = audit;
    this.catalog = catalog;
    this.self = self;
    this.clock = clock;
    this.all = List.copyOf(store.all());
  }

  /** Issues a grant; types must be of the catalog, the period must not be empty. */
  public synchronized Grant issue(String grantee, Set<String> types, String purpose, boolean personal,
      LocalDate from, LocalDate until) {
    if (grantee.isBlank() || purpose.isBlank()) {
      throw CixException.invalidInput("a grant names the node it is for and the purpose");
    }
    for (String type : types) {
      if (catalog.type(type).isEmpty()) {
        throw CixException.invalidInput("'" + type + "' is not a type of the catalog");
      }
    }
    if (until.isBefore(from)) {
      throw CixException.invalidInput("the grant would end (" + until + ") before it starts (" + from + ")");
    }
    Grant grant = store.add(new Grant(0, grantee.trim(), types, purpose.trim(), personal, from, until, self,
        clock.instant(), Optional.empty()));
    all = List.copyOf(store.all());
    audit.append(new AuditEvent(clock.instant(), "admin", "grant.issue", "", "grant " + grant.id() + " to "
        + grant.grantee() + "; types=" + (types.isEmpty() ? "(every conditional type)" : String.join(",", types))
        + "; purpose=" + grant.purpose() + "; personal=" + personal + "; " + from + ".." + until));
    return grant;
  }

  /** Revokes grant {@code id} on the admin port ({@code cix grant revoke}). */
  public void revoke(long id) {
    revoke(id, "admin");
  }

  /** Revokes grant {@code id} at once, audited under {@code by}. */
  public synchronized void revoke(long id, String by) {
    if (!store.revoke(id, clock.instant())) {
      throw new CixException(CixException.Kind.NOT_FOUND, "no grant " + id + " in force to revoke");
    }
    all = List.copyOf(store.all());
    audit.append(new AuditEvent(clock.instant(), by, "grant.revoke", "", "grant " + id));
  }

  public List<Grant> all() {
    return all;
  }

  /** True when a grant in force today lets {@code node} receive {@code type} for {@code purpose} (empty: any). */
  public boolean covers(String node, String type, Optional<String> purpose) {
    return find(node, type, purpose, false);
  }

  /** Likewise, with natural persons' identifiers and names unmasked. */
  public boolean coversPersonal(String node, String type, Optional<String> purpose) {
    return find(node, type, purpose, true);
  }

  private boolean find(String node, String type, Optional<String> purpose, boolean personal) {
    LocalDate today = ChinaDate.today(clock);
    for (Grant grant : all) {
      if (grant.grantee().equals(node) && grant.validOn(today) && grant.coversType(type)
          && grant.coversPurpose(purpose) && (!personal || grant.personal())) {
        return true;
      }
    }
    return false;
  }
}
