-- Version 2: the path each run read (a folder, a file or a crawl's sources.toml), so
-- `runs` shows which monthly folder fed a source whose name survives folder renames.
ALTER TABLE runs ADD COLUMN path TEXT;
-- The tables a run read (one relative path a line), so that a table present in the
-- source's last complete run and absent now makes the run partial.
ALTER TABLE runs ADD COLUMN tables TEXT;
-- When a platform was first and last counted absent from a complete run of its source,
-- so that retirement needs both enough runs and enough days, and same-day reruns count
-- once.
ALTER TABLE presence ADD COLUMN missing_since TEXT;
ALTER TABLE presence ADD COLUMN missing_last TEXT;
