-- The operation log (A5.3, A7.4). Ids are assigned by the chain (1, 2, 3 … without gaps), each
-- record's hash = SM3(prev_hash || canonical record); audit_chain_head is the one row every
-- append locks, which makes one chain across threads and nodes.

CREATE TABLE audit_record (
    id             BIGINT NOT NULL PRIMARY KEY,
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    actor          VARCHAR(200),
    organisation   VARCHAR(200),
    source_address VARCHAR(64),
    action         VARCHAR(200) NOT NULL,
    target         VARCHAR(1000),
    result         VARCHAR(16) NOT NULL,
    details        VARCHAR(4000),
    prev_hash      CHAR(64) NOT NULL,
    hash           CHAR(64) NOT NULL
);
-- the search page's filters, each walked newest-first by id (keyset pagination)
CREATE INDEX audit_record_time_idx ON audit_record (occurred_at, id);
CREATE INDEX audit_record_actor_idx ON audit_record (actor, id);
CREATE INDEX audit_record_org_idx ON audit_record (organisation, id);
CREATE INDEX audit_record_action_idx ON audit_record (action, id);

CREATE TABLE audit_chain_head (
    id        INT NOT NULL PRIMARY KEY,
    last_id   BIGINT NOT NULL,
    last_hash CHAR(64) NOT NULL,
    CONSTRAINT audit_chain_head_single CHECK (id = 1)
);
INSERT INTO audit_chain_head (id, last_id, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- One SM2-signed anchor per day (Asia/Shanghai): "anchor_day|last_id|last_hash" signed with the key named.
CREATE TABLE audit_anchor (
    anchor_day DATE NOT NULL PRIMARY KEY, -- "day" is a keyword in H2
    last_id   BIGINT NOT NULL,
    last_hash CHAR(64) NOT NULL,
    key_id    VARCHAR(16) NOT NULL,
    signature VARCHAR(256) NOT NULL,
    signed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
