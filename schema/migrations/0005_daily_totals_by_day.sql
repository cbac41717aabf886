-- Daily totals, one row per day (issue 4, docs/performance.md).
--
-- daily_totals kept a row per day, entry class and status: a 100k-row
-- export over three years makes some 36,000 of them, and writing them was a
-- sixth of its import's work in SQLite. A day's totals are now one row: the
-- day, and its groups as a JSON array of
--
--   [class_id, status, amount, views, qualified_views, entries]
--
-- arrays (status as in entries: 1 estimated .. 5 reversed; amounts in
-- micro-units), so that an import writes one row a day. daily_totals_view
-- shows them as the rows they were, one per day, class and status; reports
-- and checks read the view.

CREATE TABLE daily_totals_new (
    day    INTEGER PRIMARY KEY,
    groups TEXT    NOT NULL
) STRICT;

INSERT INTO daily_totals_new (day, groups)
SELECT day, json_group_array(json_array(class_id, status, amount, views, qualified_views, entries))
FROM daily_totals GROUP BY day ORDER BY day;

DROP TABLE daily_totals;
ALTER TABLE daily_totals_new RENAME TO daily_totals;

CREATE VIEW daily_totals_view AS
SELECT t.day, g.value ->> 0 AS class_id, g.value ->> 1 AS status, g.value ->> 2 AS amount,
       g.value ->> 3 AS views, g.value ->> 4 AS qualified_views, g.value ->> 5 AS entries
FROM daily_totals t, json_each(t.groups) g;
