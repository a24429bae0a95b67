-- A10.1: the alerts of one import are found again by their receipt time to tell their units at once
create index intake_alert_received on intake_alert (received_at, id);
