# Pinterest creator earnings (Creator Rewards / creator fund), per Pin and
# day.
#
# ASSUMED: no Pinterest export layout was found (formats.md 4.4). The
# columns follow what Pinterest's creator hub showed per Pin. Copy this file
# and change the header and map lines to match your download.
source      pinterest
title       Pinterest creator earnings per Pin and day
confidence  assumed
header      Date,Pin ID,Pin title,Impressions,Saves,Earnings (USD)

decimal     .
date-format yyyy-mm-dd | mmm d, yyyy

set platform pinterest
set program  creator-rewards
set status   approved

map date         Date
map external-id  Pin ID
map description  Pin title
map views        Impressions
map amount       Earnings (*)
set currency     from-header
