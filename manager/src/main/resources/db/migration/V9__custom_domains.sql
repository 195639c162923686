-- Custom domains: names of their own that sites' owners add, prove in DNS and (where administrators ask for it) have
-- approved before the site answers on them. A name is one site's only, across the platform.
create table custom_domains (
    id          bigserial    primary key,
    site_id     bigint       not null references sites (id) on delete cascade,
    -- The name as CustomDomain normalises it: lowercase ASCII, IDN as punycode, no trailing dot.
    name        varchar(253) not null unique,
    -- What the TXT record of _director-challenge.<name> must hold; given once, when the domain is added.
    token       varchar(32)  not null,
    -- WAITING_FOR_PROOF until a check finds the token (and again when a later one no longer does),
    -- WAITING_FOR_APPROVAL while an administrator must still approve it, ACTIVE while the site answers on it,
    -- REJECTED with the administrator's reason.
    state       varchar(24)  not null check (state in ('WAITING_FOR_PROOF', 'WAITING_FOR_APPROVAL', 'ACTIVE',
                                                       'REJECTED')),
    rejection   varchar(500),
    created_at  timestamptz  not null default now(),
    checked_at  timestamptz,
    proven_at   timestamptz
);
create index custom_domains_site on custom_domains (site_id);

-- Settings administrators change in the portal, one row per setting; a missing row takes the setting's default.
create table platform_settings (
    name  varchar(64)  primary key,
    value varchar(400) not null
);
