-- kolmetrics 1.0 -> 1.1.  Every object new in 1.1 goes into a fragment of this
-- directory (one per concept, in name order).  The same fragments follow the frozen
-- 1.0 script in the fresh 1.1 install script (Makefile), so an upgraded 1.0 and a fresh
-- 1.1 are built from the same sources; test/scripts/upgrade.sh compares the two.
-- 1.0's grants ran at its end (99_privileges.sql): a fragment that adds a table or a
-- function grants and comments it itself.
\echo Use "ALTER EXTENSION kolmetrics UPDATE TO '1.1'" to load this file. \quit
