-- People who use the portal.
create table users (
    id            bigserial primary key,
    username      varchar(32)  not null unique,
    email         varchar(254) not null,
    full_name     varchar(100) not null default '',
    password_hash varchar(200) not null,
    role          varchar(16)  not null check (role in ('STUDENT', 'TEACHER', 'ADMIN')),
    enabled       boolean      not null default true,
    created_at    timestamptz  not null default now()
);

-- Sites and who belongs to them.
create table sites (
    id          bigserial primary key,
    name        varchar(32)  not null unique,
    description varchar(500) not null default '',
    type        varchar(16)  not null check (type in ('STATIC')),
    created_at  timestamptz  not null default now()
);

create table site_members (
    site_id bigint not null references sites (id) on delete cascade,
    user_id bigint not null references users (id) on delete cascade,
    primary key (site_id, user_id)
);
create index site_members_by_user on site_members (user_id);

-- Every change to a site is an operation made of ordered actions.
create table operations (
    id          bigserial primary key,
    site_id     bigint      not null references sites (id) on delete cascade,
    kind        varchar(32) not null,
    status      varchar(16) not null check (status in ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    created_by  bigint      references users (id) on delete set null,
    created_at  timestamptz not null default now(),
    started_at  timestamptz,
    finished_at timestamptz
);
-- A site has at most one operation that has not succeeded: a failed one locks the site until it is retried.
create unique index one_open_operation_per_site on operations (site_id) where status <> 'SUCCEEDED';

create table actions (
    id           bigserial primary key,
    operation_id bigint       not null references operations (id) on delete cascade,
    position     int          not null,
    slug         varchar(64)  not null,
    title        varchar(200) not null,
    status       varchar(16)  not null check (status in ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    started_at   timestamptz,
    finished_at  timestamptz,
    message      varchar(4000) not null default '',
    unique (operation_id, position)
);
