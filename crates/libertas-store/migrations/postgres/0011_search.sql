-- Reserved: search (filled in by its feature).
select 1;
