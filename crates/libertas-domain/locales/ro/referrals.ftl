# Referrals (ro).
