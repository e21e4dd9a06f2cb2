-- A running job's view shows, per series, the provider requests that failed since the last one answered: found by
-- the run's id rather than by scanning every request ever made.
CREATE INDEX provider_requests_job_execution ON provider_requests (job_execution_id, symbol, timeframe, id);
