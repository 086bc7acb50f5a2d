-- Record versions per source department and month they were made in (made_in: yyyy-MM, Beijing time),
-- counted with quality_received as the change log is read: the evolution of each department's
-- data. Filled for the versions read before by the Java migration that follows.
CREATE TABLE quality_received_month (
  department  VARCHAR(18) NOT NULL,
  made_in     CHAR(7)     NOT NULL,
  versions    BIGINT      NOT NULL,
  PRIMARY KEY (department, made_in)
);
