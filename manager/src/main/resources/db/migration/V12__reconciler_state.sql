-- What the reconciler's last round found left on the app server or the router of sites the manager no longer has.
-- A leftover is removed only when the next round finds it again, whichever manager runs that round: kept here, not
-- in one manager's memory.
create table leftover_sightings (
    component varchar(32) not null check (component in ('APP_SERVER', 'ROUTER')),
    site_id   bigint      not null,
    seen_at   timestamptz not null default now(),
    primary key (component, site_id)
);

-- How the last round went, whichever manager ran it, for the Repairs page: one row.
create table reconcile_last_round (
    id         int         primary key check (id = 1),
    started_at timestamptz not null,
    took_ms    bigint      not null,
    checked    int         not null,
    busy       int         not null,
    repaired   int         not null,
    -- One sentence a line.
    problems   text        not null
);
