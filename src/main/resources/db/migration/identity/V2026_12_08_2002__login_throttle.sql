-- Issue 20 point 9 (GB/T 22239 §8.1.4): Bucket4j token buckets of failed logins, per source address
-- and per username and source, shared by every node. state is Bucket4j's serialised bucket; version
-- makes the compare-and-swap one plain UPDATE on H2 and PostgreSQL alike.
CREATE TABLE identity_rate_bucket (
    bucket_key VARCHAR(200) NOT NULL PRIMARY KEY,
    state      BYTEA NOT NULL,
    version    BIGINT NOT NULL
);
