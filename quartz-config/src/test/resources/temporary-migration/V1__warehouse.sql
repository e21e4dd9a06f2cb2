-- The warehouse: tracked symbols, bars, their features, rejected items, provider requests and daily quality.
-- Prices and volumes are NUMERIC without scale so that what the provider sent is what the API returns.

CREATE TABLE symbols (
    symbol          text        PRIMARY KEY,
    asset_class     text        NOT NULL CHECK (asset_class IN ('stock', 'etf', 'crypto', 'forex')),
    provider_ticker text        NOT NULL,
    timeframes      text[]      NOT NULL DEFAULT '{1d}',
    history_start   date,
    active          boolean     NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE bars (
    symbol        text          NOT NULL,
    timeframe     text          NOT NULL,
    time          timestamptz   NOT NULL,
    open          numeric       NOT NULL,
    high          numeric       NOT NULL,
    low           numeric       NOT NULL,
    close         numeric       NOT NULL,
    volume        numeric       NOT NULL,
    vwap          numeric,
    trade_count   bigint,
    quality_score numeric(3, 2) NOT NULL,
    validated     boolean       NOT NULL,
    flags         text[]        NOT NULL DEFAULT '{}',
    missing_bars  integer       NOT NULL DEFAULT 0,
    source        text          NOT NULL,
    ingested_at   timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (symbol, timeframe, time)
);

-- Features of each bar, computed from that bar and the bars before it.
-- rsi_avg_gain / rsi_avg_loss are the Wilder state behind rsi_14, kept so that an incremental run
-- resumes the recursive indicators exactly where the previous run left them.
CREATE TABLE bar_features (
    symbol           text             NOT NULL,
    timeframe        text             NOT NULL,
    time             timestamptz      NOT NULL,
    ret_1            double precision,
    log_ret_1        double precision,
    gap_pct          double precision,
    range_pct        double precision,
    true_range       double precision,
    dollar_volume    double precision,
    sma_20           double precision,
    sma_50           double precision,
    ema_12           double precision,
    ema_26           double precision,
    macd             double precision,
    macd_signal      double precision,
    rsi_14           double precision,
    atr_14           double precision,
    volatility_20    double precision,
    volatility_50    double precision,
    bb_upper_20      double precision,
    bb_lower_20      double precision,
    volume_sma_20    double precision,
    volume_ratio_20  double precision,
    trend_direction  text CHECK (trend_direction IN ('up', 'down', 'neutral')),
    market_structure text CHECK (market_structure IN ('bullish', 'bearish', 'range')),
    rsi_avg_gain     double precision,
    rsi_avg_loss     double precision,
    PRIMARY KEY (symbol, timeframe, time)
);

-- Items the pipeline refused, kept with what was received and why. The hash makes a re-run idempotent.
CREATE TABLE rejected_bars (
    id               bigserial   PRIMARY KEY,
    symbol           text        NOT NULL,
    timeframe        text        NOT NULL,
    time             timestamptz,
    source           text        NOT NULL,
    reason           text        NOT NULL,
    raw_payload      text        NOT NULL,
    payload_md5      text        GENERATED ALWAYS AS (md5(raw_payload)) STORED,
    job_execution_id bigint,
    rejected_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (symbol, timeframe, payload_md5)
);
CREATE INDEX rejected_bars_symbol_time ON rejected_bars (symbol, timeframe, time);

-- One row per request to the provider: feeds the fetch-pipeline metrics and the quality report's fetch log.
CREATE TABLE provider_requests (
    id               bigserial   PRIMARY KEY,
    symbol           text        NOT NULL,
    timeframe        text        NOT NULL,
    source           text        NOT NULL,
    http_status      integer,
    records_fetched  integer     NOT NULL DEFAULT 0,
    response_time_ms integer     NOT NULL,
    success          boolean     NOT NULL,
    error            text,
    job_execution_id bigint,
    requested_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX provider_requests_symbol_time ON provider_requests (symbol, requested_at DESC);

-- Per symbol, timeframe and UTC day: what arrived and how good it was.
-- completeness = records / expected_records, where expected_records comes from the trading calendar.
CREATE TABLE quality_daily (
    symbol             text          NOT NULL,
    timeframe          text          NOT NULL,
    day                date          NOT NULL,
    records            integer       NOT NULL,
    validated_records  integer       NOT NULL,
    rejected_records   integer       NOT NULL,
    gaps_detected      integer       NOT NULL,
    anomalies_detected integer       NOT NULL,
    avg_quality_score  numeric(4, 3),
    expected_records   integer       NOT NULL,
    updated_at         timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (symbol, timeframe, day)
);
