-- TimescaleDB, when the server has it (production): bars and bar_features become hypertables on time,
-- compressed per series once older than 30 days. On plain PostgreSQL (the embedded default) this does nothing.
-- Everything TimescaleDB-specific goes through EXECUTE so that plain PostgreSQL parses this file too.
-- All of it is transactional (no continuous aggregates here), so Flyway runs it in its usual transaction.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
        RAISE NOTICE 'timescaledb is not available: bars and bar_features stay plain tables';
        RETURN;
    END IF;

    EXECUTE 'CREATE EXTENSION IF NOT EXISTS timescaledb';

    -- A week per chunk keeps a chunk of 1m bars of a few hundred symbols in memory-sized pieces
    -- while daily bars still fill chunks reasonably.
    EXECUTE $sql$SELECT create_hypertable('bars', by_range('time', INTERVAL '7 days'), migrate_data => true)$sql$;
    EXECUTE $sql$SELECT create_hypertable('bar_features', by_range('time', INTERVAL '7 days'), migrate_data => true)$sql$;

    -- Reads are per (symbol, timeframe) over a time range: segment by the series, order by time.
    EXECUTE $sql$ALTER TABLE bars SET (timescaledb.compress,
        timescaledb.compress_segmentby = 'symbol, timeframe', timescaledb.compress_orderby = 'time')$sql$;
    EXECUTE $sql$ALTER TABLE bar_features SET (timescaledb.compress,
        timescaledb.compress_segmentby = 'symbol, timeframe', timescaledb.compress_orderby = 'time')$sql$;

    -- Late corrections (the nightly overlap) land on recent, still uncompressed chunks.
    EXECUTE $sql$SELECT add_compression_policy('bars', compress_after => INTERVAL '30 days')$sql$;
    EXECUTE $sql$SELECT add_compression_policy('bar_features', compress_after => INTERVAL '30 days')$sql$;
END
$$;
