-- 0005: evidence files with a chain of custody.
-- (Filled in by the feature.)
select 1;
