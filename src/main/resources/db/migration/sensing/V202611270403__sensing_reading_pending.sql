-- Batches of committed readings whose derived work (hourly roll-ups, the devices' last values,
-- alarm rules, the forecaster) is still to do. Ingest adds a batch's row in the transaction that
-- stores its readings, all stamped with the batch's received_at (unique per batch); the digest
-- deletes the row in the transaction that does the work. A crash in between loses nothing and
-- does nothing twice: after a restart the digest finds the batch's readings by received_at.
create table sensing_reading_pending (
    received_at  timestamptz primary key,
    readings     integer not null
);

-- received_at grows with the order rows are written in, which is all a BRIN index needs; it is
-- only read when catching up after a restart, and costs next to nothing when writing.
create index sensing_reading_received_brin on sensing_reading using brin (received_at);
