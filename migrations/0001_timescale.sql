-- Hand-written: TimescaleDB when the server offers it, plain indexed tables otherwise.
-- Every query Meterline runs works on both; hypertables only change how the data is stored.
-- Chunk intervals: raw events arrive densely and are read by recent time, so 1 day keeps a
-- chunk's indexes in memory; rollups are ~1000x smaller, so 7 days keeps the chunk count low.
-- Only the Apache-2 part of TimescaleDB is used (Neon offers no more): no compression, no
-- continuous aggregates, no background jobs.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
    CREATE EXTENSION IF NOT EXISTS timescaledb;
    PERFORM create_hypertable('events', 'event_time',
      chunk_time_interval => INTERVAL '1 day', migrate_data => true, if_not_exists => true);
    PERFORM create_hypertable('usage_rollups', 'bucket',
      chunk_time_interval => INTERVAL '7 days', migrate_data => true, if_not_exists => true);
  ELSE
    RAISE NOTICE 'timescaledb is not available: events and usage_rollups stay plain tables';
  END IF;
END
$$;
