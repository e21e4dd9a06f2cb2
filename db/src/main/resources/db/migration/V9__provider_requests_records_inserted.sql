-- How many bars of a provider's answer were stored new or changed a stored bar (not its rejects, nor bars stored as
-- they already were: a re-run that changes nothing counts 0), counted as each chunk commits, so a load that fails
-- part-way has counted what it kept; a page fetched again by a restart counts only the bars read after the restart.
-- Null for a failed request, and for requests recorded before this column.
ALTER TABLE provider_requests ADD COLUMN records_inserted integer;
