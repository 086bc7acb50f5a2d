package org.cix.core.profile;

import java.util.Optional;
import org.cix.core.catalog.RecordType;
import org.cix.core.store.StoredVersion;

/** One current record in a subject's profile, with what the node can say of it now. */
public record ProfileEntry(Optional<RecordType> type, StoredVersion stored, boolean publicNow, String sealCheck) {}
