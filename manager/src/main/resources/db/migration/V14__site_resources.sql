-- What a site's owners choose within an administrator's limits: a CPU share (at most the site's CPU limit) and, for
-- a PHP site, php-fpm's worker count (at most one per 32 MiB of its memory). Null: the limit itself, and 5 workers.
alter table sites add column owner_cpu_millis bigint check (owner_cpu_millis > 0);
alter table sites add column owner_php_workers bigint check (owner_php_workers > 0);
