-- Version 3: deadlines that hold. A recommendation keeps its first deadline while its
-- action is unchanged; `first_on` is the audit date that first made it.
ALTER TABLE recommendations ADD COLUMN first_on TEXT;
-- Overdue follow-ups: days past the deadline and the escalation level (1 催办, 2 督办,
-- 3 通报约谈).
ALTER TABLE follow_ups ADD COLUMN overdue_days INTEGER;
ALTER TABLE follow_ups ADD COLUMN escalation INTEGER;
