-- The PHP runtime image now carries mbstring, xml, gd, curl, zip and intl, and its php-fpm takes its worker count and
-- upload limits from the site: a new tag for the seeded runtime where it still uses the image it was given.
update runtimes set base_image = 'director/runtime-php:5' where base_image = 'director/runtime-php:4';
update runtimes set description = 'Debian''s PHP 8.2 (php-fpm and the command line) with the PostgreSQL and MySQL drivers'
    || ' and the extensions common applications need (mbstring, xml, gd, curl, zip, intl).'
  where name = 'php'
    and description = 'Debian''s PHP 8.2 (php-fpm and the command line) with the PostgreSQL and MySQL drivers.';
