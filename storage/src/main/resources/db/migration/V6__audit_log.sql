-- The audit log: append-only, each entry chained to the one before by its hash (AuditChain).
CREATE TABLE audit_log (
  seq       BIGINT        NOT NULL PRIMARY KEY,
  at        BIGINT        NOT NULL,
  actor     VARCHAR(300)  NOT NULL,
  action    VARCHAR(64)   NOT NULL,
  subject   VARCHAR(64)   NOT NULL,
  detail    VARCHAR(2000) NOT NULL,
  previous  ${binary32}    NOT NULL,
  hash      ${binary32}    NOT NULL
);
