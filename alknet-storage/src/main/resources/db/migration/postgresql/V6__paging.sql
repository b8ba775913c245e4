-- Keyset paging (Metagraph.nodes/edges with a query): WHERE graph_id = ? AND <column> COLLATE "C" > ?
-- ORDER BY <column> COLLATE "C" LIMIT ?. "C" orders by code point, as SQLite does; the unique (graph_id, key) index
-- follows the database's collation, which depends on the server's locale, so it cannot serve that order.
CREATE INDEX nodes_graph_key_c ON nodes (graph_id, key COLLATE "C");
CREATE INDEX edges_graph_id_c ON edges (graph_id, id COLLATE "C");
