-- 0003: identification decisions (HTCDS trafficking status, UK NRM) and tasks.
-- (Filled in by the Protect feature.)
select 1;
