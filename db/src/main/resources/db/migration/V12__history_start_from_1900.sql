-- A history start had no lower bound: before 1582 PostgreSQL and Java count days differently (1000-01-01 came back as
-- 1000-01-06), and one beyond Java's dates ('-infinity', stored for -5000-01-01) failed every trigger of the symbol
-- with a 500. A history start is now from 1900-01-01 to today (io.mdw.calendar.WarehouseDates): an earlier one asked
-- for all the history there is, which starts in 1900; a later one (set directly in the database) means none is set.
UPDATE symbols
SET history_start = CASE WHEN history_start < DATE '1900-01-01' THEN DATE '1900-01-01' END, updated_at = now()
-- today in UTC, as the API and the command line count it (current_date follows the session's zone)
WHERE history_start < DATE '1900-01-01' OR history_start > (now() AT TIME ZONE 'UTC')::date;
