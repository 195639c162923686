-- Personal tokens scripts call the portal's API with (/api/v1). Only the SHA-256 of a token is kept: the token itself
-- is shown once, when it is made. A token acts for its owner, within its scopes and never beyond the owner's role.
create table api_tokens (
    id              bigserial primary key,
    user_id         bigint       not null references users (id) on delete cascade,
    name            varchar(100) not null,
    -- Lower-case hex of the SHA-256 of the whole token: tokens are 256 random bits, so no salt or slow hash is needed.
    token_hash      char(64)     not null unique,
    -- Space-separated, from a fixed list: sites:read sites:write admin.
    scopes          varchar(100) not null,
    created_at      timestamptz  not null default now(),
    expires_at      timestamptz  not null,
    revoked_at      timestamptz,
    last_used_at    timestamptz,
    -- The address of the last call, as the portal saw it.
    last_used_from  varchar(64)
);
create index api_tokens_user on api_tokens (user_id);
