-- A bar's ingested_at is when it was written, not when its writer's transaction began: a load's chunk transaction
-- begins before it fetches the chunk's page, so now() could date a bar before the answer it came from. A load withdraws
-- only bars stored before it started fetching (io.mdw.batch.load.WarehouseItemWriter), which this makes hold.
ALTER TABLE bars ALTER COLUMN ingested_at SET DEFAULT clock_timestamp();
