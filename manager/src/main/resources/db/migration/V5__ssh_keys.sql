-- Public keys people sign in to the SSH shell server with.
create table ssh_keys (
    id          bigserial primary key,
    user_id     bigint       not null references users (id) on delete cascade,
    algorithm   varchar(32)  not null,
    -- The base64 part of the OpenSSH public key line.
    key_blob    varchar(4096) not null,
    -- As ssh-keygen -lf prints it: SHA256:<base64 of the blob's SHA-256, without padding>.
    fingerprint varchar(64)  not null,
    comment     varchar(200) not null default '',
    created_at  timestamptz  not null default now(),
    unique (user_id, fingerprint)
);
