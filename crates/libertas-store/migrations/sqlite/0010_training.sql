-- Reserved: training (filled in by its feature).
select 1;
