-- The measures adopted from the parent (files as received, manifest first), applied at restart.
CREATE TABLE adopted_measures (
  position  INT           NOT NULL PRIMARY KEY,
  name      VARCHAR(200)  NOT NULL,
  content   ${bytes}     NOT NULL
);
