# Referrals (en).
