-- A file load over a narrower window than its file kept every bar of the file outside the window as a reject
-- ("timestamp ... outside the requested window [...)", after "line 7: " for a row of a CSV), counted in quality_daily
-- and reported by /api/v1/data/quality, for good, although such a bar is no fault of the data (most often it was stored
-- and validated by the load of its own window). Such bars are skipped now (io.mdw.pipeline.OutsideWindow): the rejects
-- of bars the warehouse holds go, and the days they were counted on are counted again from what rejected_bars holds,
-- as a load counts them (QualityDailyStore). The others stay: a bar no load stored (before 1970 or after the day of the
-- import, outside the window an import without --from/--to had) is kept as its one record. A bar the provider sent
-- outside the window it was asked for stays a reject too.
CREATE TEMPORARY TABLE outside_window_rejects ON COMMIT DROP AS
SELECT r.id, r.symbol, r.timeframe, (r.time AT TIME ZONE 'UTC')::date AS day
FROM rejected_bars r
WHERE r.source = 'file' AND r.time IS NOT NULL
  AND r.reason ~ '^(line [0-9]+: )?timestamp \S+ outside the requested window \['
  AND EXISTS (SELECT FROM bars b WHERE b.symbol = r.symbol AND b.timeframe = r.timeframe AND b.time = r.time);

DELETE FROM rejected_bars WHERE id IN (SELECT id FROM outside_window_rejects);

UPDATE quality_daily q
SET rejected_records = (SELECT count(*) FROM rejected_bars r
                        WHERE r.symbol = q.symbol AND r.timeframe = q.timeframe
                          AND r.time >= q.day::timestamp AT TIME ZONE 'UTC'
                          AND r.time < (q.day + 1)::timestamp AT TIME ZONE 'UTC'),
    updated_at = now()
WHERE (q.symbol, q.timeframe, q.day) IN (SELECT symbol, timeframe, day FROM outside_window_rejects);

-- a day counted for those rejects only holds nothing now: no load counts a day it neither stored nor rejected a bar of
DELETE FROM quality_daily
WHERE (symbol, timeframe, day) IN (SELECT symbol, timeframe, day FROM outside_window_rejects)
  AND records = 0 AND rejected_records = 0;
