-- A batch's events are stored as groups: one row holds event_count consecutive events of one type, the row's position
-- being the last of them and its payload a JSON array of theirs (a single event keeps its payload as it is). Batched
-- node inserts wrote one event row per node, as many rows as the change itself; readers expand groups, so streams,
-- offsets and positions look exactly as before. Existing rows are single events.
ALTER TABLE stream_events ADD COLUMN event_count INTEGER NOT NULL DEFAULT 1;
