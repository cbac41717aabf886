# Patreon creator earnings, one row per month.
#
# ASSUMED: no Patreon export layout was found (formats.md 2.3). The columns
# follow the monthly earnings Patreon shows creators: gross earnings and the
# fees taken from them, which become separate negative fee entries. The
# date is the first day of the month the row covers.
source      patreon
title       Patreon monthly earnings (gross, Patreon fee, processing fees)
confidence  assumed
header      Month,Patrons,Gross earnings,Patreon fee,Processing fees,Net earnings,Currency

decimal     .
date-format yyyy-mm-dd | mmm d, yyyy

set platform    patreon
set program     creator
set status      approved
set external-id month
set description Patreon monthly earnings

map date     Month
map amount   Gross earnings
map fee      Patreon fee
map fee      Processing fees
map currency Currency
