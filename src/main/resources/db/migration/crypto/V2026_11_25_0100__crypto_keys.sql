-- Keys of the crypto module (A7.1 for the platform's own data). Every key is stored wrapped
-- (SM4-GCM) under the master key named by master_key_id, never in clear. The generation makes
-- "one current key per purpose" a unique constraint both H2 and PostgreSQL enforce, so two
-- nodes starting (or rotating) at once cannot both create a key: the loser re-reads.

CREATE TABLE crypto_data_key (
    key_id        VARCHAR(32) NOT NULL PRIMARY KEY,
    purpose       VARCHAR(16) NOT NULL,
    generation    INT NOT NULL,
    wrapped_key   VARCHAR(200) NOT NULL,
    master_key_id VARCHAR(16) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT crypto_data_key_generation_uk UNIQUE (purpose, generation)
);

CREATE TABLE crypto_signing_key (
    key_id              VARCHAR(16) NOT NULL PRIMARY KEY,
    generation          INT NOT NULL,
    public_key          VARCHAR(130) NOT NULL,
    wrapped_private_key VARCHAR(200) NOT NULL,
    master_key_id       VARCHAR(16) NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at          TIMESTAMP WITH TIME ZONE,
    CONSTRAINT crypto_signing_key_generation_uk UNIQUE (generation)
);
