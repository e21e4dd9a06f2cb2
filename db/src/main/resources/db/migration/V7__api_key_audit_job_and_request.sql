-- What an audited request asked for and which load job it concerned, so that an auditor can tell what a trigger or a
-- restart launched. request_summary: the query string as sent and, for a JSON body, its fields as read (compact
-- JSON); never a header, so never a key. target_job_id: the job a trigger created (on a 409, the job already loading
-- its series), or the job a restart names. Both are null in the entries recorded before.
ALTER TABLE api_key_audit
    ADD COLUMN target_job_id   text,
    ADD COLUMN request_summary text;
