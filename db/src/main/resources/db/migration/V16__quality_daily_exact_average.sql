-- A day's average quality score is kept unrounded: the API averages days, timeframes and series weighted by their
-- records, and an average of averages rounded to 3 decimals can be off in its last decimal. The API rounds what it shows.
ALTER TABLE quality_daily ALTER COLUMN avg_quality_score TYPE numeric;

UPDATE quality_daily q SET avg_quality_score = s.average
FROM (SELECT symbol, timeframe, (time AT TIME ZONE 'UTC')::date AS day, avg(quality_score) AS average
      FROM bars GROUP BY 1, 2, 3) s
WHERE q.symbol = s.symbol AND q.timeframe = s.timeframe AND q.day = s.day;
