-- Version 2: the path each run read (a folder, a file or a crawl's sources.toml), so
-- `runs` shows which monthly folder fed a source whose name survives folder renames.
ALTER TABLE runs ADD COLUMN path TEXT;
-- The tables a run read (one relative path a line), so that a table present in the
-- source's last complete run and absent now makes the run partial.
ALTER TABLE runs ADD COLUMN tables TEXT;
