package org.cix.core.profile;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.cix.core.subject.IdCheck;

/** What a node holds about one subject, now. */
public record SubjectProfile(IdCheck id, Optional<String> name, List<ProfileEntry> entries, Instant asOf) {}
