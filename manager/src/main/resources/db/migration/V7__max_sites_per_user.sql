-- How many sites an administrator lets this user have; null takes the platform's default
-- (director.sites.max-per-user). Administrators have no limit.
alter table users add column max_sites int check (max_sites between 0 and 10000);
