-- Per day, the bars whose gap_detected is true (flagged price_gap or missing_bars): with records and
-- validated_records it lets the API's status and symbol reports sum quality_daily instead of scanning all bars.
-- The load job keeps it exact as it does the other counts (recomputed from bars for every day a chunk touches).
ALTER TABLE quality_daily ADD COLUMN gap_detected_records integer NOT NULL DEFAULT 0;

UPDATE quality_daily q SET gap_detected_records = g.records
FROM (SELECT symbol, timeframe, (time AT TIME ZONE 'UTC')::date AS day, count(*) AS records
      FROM bars WHERE flags && '{price_gap,missing_bars}'
      GROUP BY 1, 2, 3) g
WHERE q.symbol = g.symbol AND q.timeframe = g.timeframe AND q.day = g.day;

-- no default from now on: whoever writes a day states its count
ALTER TABLE quality_daily ALTER COLUMN gap_detected_records DROP DEFAULT;
