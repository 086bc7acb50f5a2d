-- Objections and repair requests this node knows, read from the correction records of its
-- change log: the fields of the request record and of the decision record, as JSON under the
-- catalog's keys (NULL until that record arrives here). correction_cursor is how far the log
-- was read; it starts at the head, since no correction record exists before this version.
CREATE TABLE correction_request (
  request_id  VARCHAR(64)  NOT NULL PRIMARY KEY,
  kind        VARCHAR(16)  NOT NULL,
  record_id   VARCHAR(32)  NOT NULL,
  filed_on    DATE,
  due_on      DATE,
  outcome     VARCHAR(16),
  request     ${text},
  decision    ${text}
);
CREATE INDEX correction_request_filed ON correction_request (filed_on);
CREATE INDEX correction_request_record ON correction_request (record_id);

CREATE TABLE correction_cursor (
  id   INT    NOT NULL PRIMARY KEY,
  seq  BIGINT NOT NULL
);
INSERT INTO correction_cursor (id, seq) SELECT 1, COALESCE(MAX(seq), 0) FROM record_version;
