-- API keys of the HTTP API and the audit of what was done with them.
-- Only a SHA-256 of each key is kept: keys are 32 random bytes, so a fast hash is enough to make a
-- stolen table useless, and lookups stay one index probe per request.

CREATE TABLE api_keys (
    id           bigserial   PRIMARY KEY,
    name         text        NOT NULL,
    key_hash     text        NOT NULL UNIQUE,
    key_preview  text        NOT NULL,
    scopes       text[]      NOT NULL CHECK (scopes <@ ARRAY['read', 'trigger', 'admin']::text[] AND cardinality(scopes) > 0),
    active       boolean     NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    revoked_at   timestamptz
);

-- Who (the acting key, by id and name), what (action, method, path, outcome), when, from where.
-- target_key_id is set when the action was on a key, so a key's audit shows what was done to it too.
CREATE TABLE api_key_audit (
    id             bigserial   PRIMARY KEY,
    api_key_id     bigint      REFERENCES api_keys (id),
    key_name       text,
    action         text        NOT NULL,
    method         text        NOT NULL,
    path           text        NOT NULL,
    status         integer,
    remote_address text,
    target_key_id  bigint      REFERENCES api_keys (id),
    occurred_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX api_key_audit_key ON api_key_audit (api_key_id, occurred_at DESC);
CREATE INDEX api_key_audit_target ON api_key_audit (target_key_id, occurred_at DESC);
