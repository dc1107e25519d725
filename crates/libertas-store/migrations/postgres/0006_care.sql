-- 0006: consent records and survivor outcome assessments.
-- (Filled in by the feature.)
select 1;
