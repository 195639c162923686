-- What the reconciler found different from a site's settings on the app server or the router and put right: a
-- service or file removed by hand, a folder gone. Shown to administrators; rows older than 90 days are forgotten.
create table repairs (
    id          bigserial     primary key,
    -- The site stays named after it is deleted; its id then no longer leads anywhere.
    site_id     bigint        references sites (id) on delete set null,
    site_name   varchar(63)   not null,
    component   varchar(32)   not null check (component in ('APP_SERVER', 'ROUTER')),
    change      varchar(1000) not null,
    repaired_at timestamptz   not null default now()
);
create index repairs_repaired_at on repairs (repaired_at desc);
