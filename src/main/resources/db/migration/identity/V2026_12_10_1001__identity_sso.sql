-- issue 21 point 1: 统一身份认证 (single sign-on). One row per protocol, both off until the security
-- administrator (or the GOVGUARD_SSO_* settings, see docs/security.md) turns one on. The OIDC client secret is
-- sealed with SM4-GCM like notify's channel secrets and never shown again. version goes up with every change,
-- so each node rebuilds its OIDC registration from the row without a restart.
create table identity_sso_provider (
    protocol             varchar(8)   primary key check (protocol in ('OIDC', 'CAS')),
    enabled              boolean      not null default false,
    display_name         varchar(64)  not null,
    server_url           varchar(512),
    client_id            varchar(256),
    client_secret_sealed varchar(4096),
    scopes               varchar(256),
    claim                varchar(64)  not null,
    version              bigint       not null default 0,
    updated_at           timestamp with time zone,
    updated_by           varchar(64)
);

insert into identity_sso_provider (protocol, enabled, display_name, scopes, claim)
values ('OIDC', false, '统一身份认证登录', 'openid profile', 'preferred_username');
insert into identity_sso_provider (protocol, enabled, display_name, claim)
values ('CAS', false, '统一身份认证登录（CAS）', '');
