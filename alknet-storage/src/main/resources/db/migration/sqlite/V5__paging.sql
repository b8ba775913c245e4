-- Keyset paging (Metagraph.nodes/edges with a query): WHERE graph_id = ? AND <column> > ? ORDER BY <column> LIMIT ?.
-- Nodes page on UNIQUE (graph_id, key), which BINARY collation already orders by code point; edges page by id,
-- which only the primary key indexed, across all graphs.
CREATE INDEX edges_graph_id ON edges (graph_id, id);
