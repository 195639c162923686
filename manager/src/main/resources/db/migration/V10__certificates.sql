-- TLS certificates the manager gets over ACME, one per host name: active custom domains (and the portal's name). The
-- private key is sealed by SecretBox under the manager's secrets key, so a copy of the database alone reveals none.
create table certificates (
    host_name       varchar(253)  primary key,
    -- The site the name leads to; null for the portal's own name. A site's removal takes its certificates along.
    site_id         bigint        references sites (id) on delete cascade,
    -- PENDING until the first certificate arrives; VALID while the newest attempt succeeded; FAILED when it did not
    -- (a certificate issued before may still be served until not_after).
    state           varchar(16)   not null check (state in ('PENDING', 'VALID', 'FAILED')),
    chain_pem       text,
    key_sealed      text,
    not_after       timestamptz,
    -- The CA's own words about the last failure, shown to the site's owner.
    last_error      varchar(1000),
    failures        integer       not null default 0,
    next_attempt_at timestamptz   not null default now(),
    -- Whether the router took the newest certificate; one it has not is given to it again by the renewal job.
    installed       boolean       not null default false,
    -- When the name stopped being served (removed, rejected, its proof gone). The row and its certificate are kept a
    -- week, so that a name served again gets them back rather than a new order: toggling a domain costs the CA nothing.
    dropped_at      timestamptz,
    updated_at      timestamptz   not null default now()
);
create index certificates_site on certificates (site_id);

-- The ACME account of each CA directory the platform used; the key is sealed as above.
create table acme_accounts (
    directory   varchar(400) primary key,
    key_sealed  text         not null,
    created_at  timestamptz  not null default now()
);
