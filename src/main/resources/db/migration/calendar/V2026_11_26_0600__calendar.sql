-- The State Council's holiday schedule, one row per loaded year ("Working days" in REQUIREMENTS.md,
-- A5.2, A10.2). A year is all-or-nothing: its row and its days change in one transaction, under the
-- lock of the year's row. version grows by one on every replacement, so the sum of versions and the
-- count of rows change whenever any node loads a year: the cheap check the other nodes poll.

CREATE TABLE calendar_year (
    schedule_year INT NOT NULL PRIMARY KEY,            -- "year" is a keyword
    paper         VARCHAR(1000) NOT NULL,              -- the official notice (URL or document number)
    source        VARCHAR(4000) NOT NULL,              -- where these rows came from (product data and its citation, an upload, the API)
    loaded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    loaded_by     VARCHAR(200) NOT NULL,
    version       BIGINT NOT NULL DEFAULT 1
);

-- The two kinds, as a table to refer to rather than a CHECK (kind IN …): H2 evaluates such a check with
-- the session that created it, and fails once the migrating connection has closed.
CREATE TABLE calendar_day_kind (
    kind VARCHAR(16) NOT NULL PRIMARY KEY
);
INSERT INTO calendar_day_kind (kind) VALUES ('HOLIDAY');
INSERT INTO calendar_day_kind (kind) VALUES ('WORKDAY');

-- Only the days that differ from the weekly rule: public holidays (days off, weekend days inside a
-- holiday block included) and adjusted working days (调休上班, always a Saturday or Sunday).
CREATE TABLE calendar_day (
    calendar_date DATE NOT NULL PRIMARY KEY,           -- "day" and "date" are keywords
    schedule_year INT NOT NULL REFERENCES calendar_year (schedule_year),
    kind          VARCHAR(16) NOT NULL REFERENCES calendar_day_kind (kind),
    name          VARCHAR(200) NOT NULL
);
CREATE INDEX calendar_day_year_idx ON calendar_day (schedule_year);
