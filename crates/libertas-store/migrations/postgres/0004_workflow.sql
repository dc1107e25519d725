-- 0004: case workflow (states, closure reasons, reopen) and member roles.
-- (Filled in by the feature.)
select 1;
