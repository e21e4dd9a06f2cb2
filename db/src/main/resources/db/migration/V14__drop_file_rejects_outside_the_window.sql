-- A file load over a narrower window than its file kept every bar of the file outside the window as a reject
-- ("timestamp ... outside the requested window [...)", after "line 7: " for a row of a CSV), counted in quality_daily
-- and reported by /api/v1/data/quality, for good, although such a bar is no fault of the data (most often it was stored
-- and validated by the load of its own window). Such bars are skipped now (io.mdw.pipeline.OutsideWindow): their rejects
-- go, and the days they were counted on are counted again from what rejected_bars holds, as a load counts them
-- (QualityDailyStore). A bar the provider sent outside the window it was asked for stays a reject.
CREATE TEMPORARY TABLE outside_window_rejects ON COMMIT DROP AS
SELECT id, symbol, timeframe, (time AT TIME ZONE 'UTC')::date AS day
FROM rejected_bars
WHERE source = 'file' AND time IS NOT NULL
  AND reason ~ '^(line [0-9]+: )?timestamp \S+ outside the requested window \[';

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
