-- Version 2: the path each run read (a folder, a file or a crawl's sources.toml), so
-- `runs` shows which monthly folder fed a source whose name survives folder renames.
ALTER TABLE runs ADD COLUMN path TEXT;
