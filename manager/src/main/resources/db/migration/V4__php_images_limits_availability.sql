-- PHP sites; each site's own packages and the image built for them; the limits and availability an
-- administrator sets (a null limit takes the platform's default); and the runtimes administrators manage.
alter table sites drop constraint sites_type_check;
alter table sites add constraint sites_type_check check (type in ('STATIC', 'PHP', 'DYNAMIC'));

alter table sites add column availability varchar(16) not null default 'ENABLED'
    check (availability in ('ENABLED', 'NOT_SERVED', 'DISABLED'));
alter table sites add column cpu_millis bigint;
alter table sites add column memory_mib bigint;
alter table sites add column pids bigint;
alter table sites add column max_body_mib bigint;
-- Debian package names, validated, separated by single spaces.
alter table sites add column packages varchar(4000) not null default '';
-- The image built for the site's packages and its runtime's setup commands; null while it runs the runtime's own.
alter table sites add column image varchar(200);

create table runtimes (
    name           varchar(32)  primary key,
    title          varchar(64)  not null,
    description    varchar(400) not null,
    base_image     varchar(200) not null,
    setup_commands text         not null default '',
    hidden         boolean      not null default false,
    position       int          not null default 0
);

insert into runtimes (name, title, description, base_image, position) values
    ('plain', 'Plain Debian', 'Debian 12 with bash, curl and the basics, for a program you bring yourself.',
     'director/runtime-plain:2', 10),
    ('python', 'Python 3', 'Debian''s Python 3.11 with venv and pip; install packages into a virtual environment in your site.',
     'director/runtime-python:2', 20),
    ('node', 'Node.js', 'Debian''s Node.js 18 with npm; install packages with npm in your site''s folder.',
     'director/runtime-node:2', 30),
    ('php', 'PHP', 'Debian''s PHP 8.2 (php-fpm and the command line) with the PostgreSQL and MySQL drivers.',
     'director/runtime-php:3', 40);
