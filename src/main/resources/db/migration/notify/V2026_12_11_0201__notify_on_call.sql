-- Issue 22 point 2, "escalations and the SMS path use the roster": a critical notice to a unit that nobody it is
-- for has read within A10.1-sms-escalation-after also pages the unit's 7×24 on-call phone (roster module), once per
-- notice, decided once across nodes by this primary key. The delivery is an ordinary SMS row of notify_delivery
-- with neither channel nor person (channel_id and user_id null): the number is looked up in the roster when sent.
CREATE TABLE notify_escalation_on_call (
    notice_id  BIGINT NOT NULL PRIMARY KEY REFERENCES notify_notice (id),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
