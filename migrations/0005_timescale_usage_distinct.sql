-- Hand-written: usage_distinct joins the hypertables where TimescaleDB is available (same
-- 7-day chunks as usage_rollups, which it sits beside); a plain table otherwise.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM create_hypertable('usage_distinct', 'bucket',
      chunk_time_interval => INTERVAL '7 days', migrate_data => true, if_not_exists => true);
  END IF;
END
$$;
