-- Dynamic sites run their own process in a runtime image the orchestrator names.
alter table sites drop constraint sites_type_check;
alter table sites add constraint sites_type_check check (type in ('STATIC', 'DYNAMIC'));
alter table sites add column runtime varchar(32);

-- The environment variables a site's owner defines for its process; secret values are never shown again.
create table site_env (
    site_id bigint        not null references sites (id) on delete cascade,
    name    varchar(64)   not null,
    value   varchar(4096) not null,
    secret  boolean       not null default false,
    primary key (site_id, name)
);
