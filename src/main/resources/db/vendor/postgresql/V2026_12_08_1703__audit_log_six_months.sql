-- PostgreSQL only (issue 17 point 12, A5.3 "不少于六个月"): the database refuses the DELETE of a record younger than six
-- calendar months and a day, not 180 days (shorter than six months most of the year). The purge's cutoff is never later.
CREATE OR REPLACE FUNCTION audit_record_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.occurred_at > now() - INTERVAL '6 months 1 day' THEN
            RAISE EXCEPTION 'audit_record % is younger than six months and a day and may not be deleted (A5.3)', OLD.id
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_record may not be changed: % refused (A5.3, A7.4)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
