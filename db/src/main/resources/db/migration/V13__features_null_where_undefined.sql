-- A feature is null where it is undefined (io.mdw.features.BarFeatures), but a bar after a zero close stored NaN and
-- infinities (a volatility over a window holding ln(0), a dollar volume beyond the range of a double), served as the
-- string "NaN" in a number field. Every double precision column of bar_features loses them, in one pass over the table.
-- On TimescaleDB the pass decompresses the chunks compressed since (V4); 2.14 and 2.15 stop a transaction after 100,000
-- decompressed rows unless told otherwise. Plain PostgreSQL takes the setting as a custom one and ignores it.
SET LOCAL timescaledb.max_tuples_decompressed_per_dml_transaction = 0;
DO $$
DECLARE
    undefined CONSTANT text := ' IN (''NaN'', ''Infinity'', ''-Infinity'')';
    assignments text;
    condition text;
BEGIN
    SELECT string_agg(format('%1$I = CASE WHEN %1$I%2$s THEN NULL ELSE %1$I END', column_name, undefined), ', '),
           string_agg(format('%I%s', column_name, undefined), ' OR ')
    INTO assignments, condition
    FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = 'bar_features' AND data_type = 'double precision';
    EXECUTE format('UPDATE bar_features SET %s WHERE %s', assignments, condition);
END
$$;
