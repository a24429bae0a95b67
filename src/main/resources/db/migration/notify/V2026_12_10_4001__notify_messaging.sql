-- Government messaging (issue 21 point 4): SMS through the city's 政务短信平台 (an HTTP gateway with a
-- configured request template) and application messages through privately deployed 政务微信 (WeCom API)
-- and 政务钉钉 (DingTalk API), addressed to a person by mobile number. Off until the system administrator
-- configures and enables a gateway.

-- One row per gateway kind. config is the JSON of the non-secret settings (URL, templates, corp / app id,
-- agent id); secret is the sealed credential (crypto.FieldEncryption: the SMS gateway's key, corpsecret,
-- appsecret), never shown again. enabled_at: critical notices raised before SMS was switched on are not
-- escalated (turning SMS on must not page everybody about last month's notices).
CREATE TABLE notify_gateway (
    kind       VARCHAR(20)   PRIMARY KEY,
    enabled    BOOLEAN       NOT NULL,
    config     TEXT          NOT NULL,
    secret     VARCHAR(2000),
    enabled_at TIMESTAMP WITH TIME ZONE,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by VARCHAR(100)  NOT NULL,
    CONSTRAINT notify_gateway_kind_ck CHECK (kind IN ('SMS', 'GOV_WECOM', 'GOV_DINGTALK'))
);

-- A delivery to a person instead of an organisation's channel: channel_id is null, user_id names the person
-- (the number is looked up when sending, never copied here), target_shown is the masked number.
ALTER TABLE notify_delivery ALTER COLUMN channel_id DROP NOT NULL;
ALTER TABLE notify_delivery ADD COLUMN user_id BIGINT;
ALTER TABLE notify_delivery ADD COLUMN recipient_name VARCHAR(100);
ALTER TABLE notify_delivery DROP CONSTRAINT notify_delivery_kind_ck;
ALTER TABLE notify_delivery ALTER COLUMN kind SET DATA TYPE VARCHAR(20);
ALTER TABLE notify_delivery ADD CONSTRAINT notify_delivery_kind_ck
    CHECK (kind IN ('EMAIL', 'DINGTALK', 'WECOM', 'FEISHU', 'SMS', 'GOV_WECOM', 'GOV_DINGTALK'));
-- one delivery per notice, kind and person (channel rows have user_id null and keep their own unique key)
ALTER TABLE notify_delivery ADD CONSTRAINT notify_delivery_person_uk UNIQUE (notice_key, kind, user_id);

-- A10.1 "unacknowledged alerts escalate": one SMS escalation per critical notice and person, decided once
-- across nodes by this primary key; escalation_checked_at on the notice ends its consideration.
CREATE TABLE notify_escalation (
    notice_id  BIGINT NOT NULL REFERENCES notify_notice (id),
    user_id    BIGINT NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (notice_id, user_id)
);
ALTER TABLE notify_notice ADD COLUMN escalation_checked_at TIMESTAMP WITH TIME ZONE;
-- the escalation sweep's question: critical notices not yet considered, oldest first
CREATE INDEX notify_notice_escalation_idx ON notify_notice (severity, escalation_checked_at, delivered_at);
