-- Issue 17 point 5 (A10.1 "立即告知"), issue 24 point 6 (replay identities pruned).

-- When an alert or a matched finding was told to its unit and the supervisor: at once (at or above the
-- catalog's A10.1-immediate-notice-severity) or in the daily digest (below it). What came in before this
-- migration counts as told (it was, or it waited on the lists as the platform then did): no first digest
-- full of history.
alter table intake_alert add column notified_at timestamp with time zone;
alter table intake_finding add column notified_at timestamp with time zone;
update intake_alert set notified_at = received_at;
update intake_finding set notified_at = last_seen;
create index intake_alert_untold on intake_alert (notified_at, system_id);
create index intake_finding_untold on intake_finding (notified_at, system_id);

-- One row per day a digest went out: the key that makes the daily job idempotent across nodes and retries.
create table intake_digest (
    digest_date date not null primary key,
    sent_at     timestamp with time zone not null,
    alerts      integer not null,
    findings    integer not null,
    orgs        integer not null
);
alter table intake_alert add column digest_day date;
alter table intake_finding add column digest_day date;

-- Replay identities are pruned by their import's age (daily housekeeping).
create index intake_alert_event_import on intake_alert_event (import_id);

-- The triage queue's own clock (catalog rule A10.1-triage): one entry per import (or alert pushed alone) that left
-- something unmatched; its duty is fulfilled when nothing of it is left in the queue. Items queued before this
-- migration have no entry (no clock was running for them).
create table intake_triage (
    ref         varchar(100) not null primary key,
    queued_at   timestamp with time zone not null,
    settled_at  timestamp with time zone
);
alter table intake_alert add column triage_ref varchar(100);
alter table intake_finding add column triage_ref varchar(100);
create index intake_alert_triage_ref on intake_alert (triage_ref, state);
create index intake_finding_triage_ref on intake_finding (triage_ref, state);
