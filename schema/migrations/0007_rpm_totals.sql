-- RPM sums in the daily totals (report rpm).
--
-- Revenue per 1,000 views is computed from the daily totals, not the
-- entries, so that it takes well under a second over millions of them. But
-- the totals' sums cannot say it: an entry without views must not have its
-- revenue divided by other entries' views, and an entry with qualified
-- views (TikTok's Creator Rewards pays on them) is divided by those, not by
-- its views. An entry's RPM basis is its qualified views when known, else
-- its views when known, else it has none; each group gains three sums over
-- the entries of the group that have a basis:
--
--   rpm_amount   their amount (micro-units)
--   rpm_views    their basis
--   rpm_entries  how many they are
--
-- so a group of daily_totals.groups is now
--
--   [class_id, status, amount, views, qualified_views, entries,
--    rpm_amount, rpm_views, rpm_entries]
--
-- in a day's array in class and status order, as imports write it. The new
-- sums cannot be derived from the old ones: the totals are computed again
-- from the entries. daily_totals_view shows the new sums as columns.

DELETE FROM daily_totals;

INSERT INTO daily_totals (day, groups)
SELECT day, json_group_array(json_array(class_id, status, amount, views, qualified_views, entries,
                                        rpm_amount, rpm_views, rpm_entries) ORDER BY class_id, status)
FROM (SELECT day, class_id, status, SUM(amount) AS amount, COALESCE(SUM(views), 0) AS views,
             COALESCE(SUM(qualified_views), 0) AS qualified_views, COUNT(*) AS entries,
             SUM(CASE WHEN COALESCE(qualified_views, views) IS NOT NULL THEN amount ELSE 0 END) AS rpm_amount,
             COALESCE(SUM(COALESCE(qualified_views, views)), 0) AS rpm_views,
             COUNT(COALESCE(qualified_views, views)) AS rpm_entries
      FROM entries GROUP BY day, class_id, status)
GROUP BY day ORDER BY day;

DROP VIEW daily_totals_view;

CREATE VIEW daily_totals_view AS
SELECT t.day, g.value ->> 0 AS class_id, g.value ->> 1 AS status, g.value ->> 2 AS amount,
       g.value ->> 3 AS views, g.value ->> 4 AS qualified_views, g.value ->> 5 AS entries,
       g.value ->> 6 AS rpm_amount, g.value ->> 7 AS rpm_views, g.value ->> 8 AS rpm_entries
FROM daily_totals t, json_each(t.groups) g;
