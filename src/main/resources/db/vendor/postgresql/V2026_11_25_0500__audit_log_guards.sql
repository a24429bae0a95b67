-- PostgreSQL only: the database itself refuses to change the operation log (A5.3, A7.4).
-- No UPDATE, no TRUNCATE, and no DELETE of a record younger than 180 days (the retention the
-- Measures demand). Only retention's delete of old records passes. A superuser can still get
-- round this (session_replication_role = replica); the hash chain is what catches that.

CREATE FUNCTION audit_record_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.occurred_at > now() - INTERVAL '180 days' THEN
            RAISE EXCEPTION 'audit_record % is younger than 180 days and may not be deleted (A5.3)', OLD.id
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_record may not be changed: % refused (A5.3, A7.4)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_record_no_update BEFORE UPDATE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION audit_record_refuse_change();
CREATE TRIGGER audit_record_no_young_delete BEFORE DELETE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION audit_record_refuse_change();
CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record
    FOR EACH STATEMENT EXECUTE FUNCTION audit_record_refuse_change();
