-- The most disk space an administrator lets a site's files take, in MiB (its folders and its home included); null
-- takes the platform's default. The orchestrator enforces it where the sites' files are on its volume.
alter table sites add column disk_mib bigint;
