-- How many bars of a provider's answer were written to the warehouse (stored new or replacing a stored bar; its
-- rejects are not): counted as each chunk commits, so a load that fails part-way has counted what it kept. Null for a
-- failed request, and for requests recorded before this column.
ALTER TABLE provider_requests ADD COLUMN records_inserted integer;
