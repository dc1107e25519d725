-- Reserved: proceedings (filled in by its feature).
select 1;
