-- Reserved: care_plans (filled in by its feature).
select 1;
