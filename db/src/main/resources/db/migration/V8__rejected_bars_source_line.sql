-- A reject from a text file keeps its line number, and is one reject per line: rows with the same text on different
-- lines (three "1,2" rows) are three rejects, while importing the same file again still adds none. An item of a JSON
-- response has no line and is kept once per payload, as before.
ALTER TABLE rejected_bars ADD COLUMN source_line bigint;
ALTER TABLE rejected_bars DROP CONSTRAINT rejected_bars_symbol_timeframe_payload_md5_key;
CREATE UNIQUE INDEX rejected_bars_item ON rejected_bars (symbol, timeframe, payload_md5, coalesce(source_line, 0));
