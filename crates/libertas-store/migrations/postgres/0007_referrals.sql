-- Reserved: referrals (filled in by its feature).
select 1;
