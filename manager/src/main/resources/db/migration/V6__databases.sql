-- Database servers administrators register, and the one database a site may have on one of them.
create table database_hosts (
    id             bigserial primary key,
    name           varchar(64)  not null unique,
    engine         varchar(16)  not null check (engine in ('POSTGRESQL', 'MYSQL')),
    -- Where the manager reaches the server to create databases and run the SQL console.
    admin_host     varchar(253) not null,
    admin_port     int          not null check (admin_port between 1 and 65535),
    admin_username varchar(64)  not null,
    -- Encrypted with the manager's secrets key (AES-GCM): "v1:" then base64 of the nonce and the ciphertext.
    admin_password varchar(400) not null,
    -- Where sites' processes and terminals reach it; written into their DATABASE_URL.
    sites_host     varchar(253) not null,
    sites_port     int          not null check (sites_port between 1 and 65535),
    -- The PostgreSQL the manager starts itself for sites; registered on its first start.
    embedded       boolean      not null default false,
    -- Offered for new databases; a host that is not keeps serving the databases it has.
    enabled        boolean      not null default true,
    created_at     timestamptz  not null default now()
);
create unique index one_embedded_database_host on database_hosts (embedded) where embedded;

create table site_databases (
    site_id    bigint       primary key references sites (id) on delete cascade,
    host_id    bigint       not null references database_hosts (id),
    -- Database and user (role) names, made from the platform's prefix and the site's id.
    name       varchar(64)  not null,
    username   varchar(64)  not null,
    -- Encrypted like database_hosts.admin_password.
    password   varchar(400) not null,
    -- CREATING until the database exists, READY while the site uses it, DELETING once its owner asked to drop it.
    status     varchar(16)  not null check (status in ('CREATING', 'READY', 'DELETING')),
    created_at timestamptz  not null default now(),
    unique (host_id, name)
);

-- The runtime images now carry the psql and mysql clients (and Python's drivers): new tags for the seeded runtimes
-- that still use the images they were seeded with.
update runtimes set base_image = 'director/runtime-plain:3' where base_image = 'director/runtime-plain:2';
update runtimes set base_image = 'director/runtime-python:3' where base_image = 'director/runtime-python:2';
update runtimes set base_image = 'director/runtime-node:3' where base_image = 'director/runtime-node:2';
update runtimes set base_image = 'director/runtime-php:4' where base_image = 'director/runtime-php:3';
