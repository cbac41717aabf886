# TikTok LIVE gifts, per LIVE session, counted in diamonds only.
#
# No public export layout exists (formats.md 4.3). Diamonds are converted
# to US dollars at the rate on the multiply line. The default, 0.005 USD a
# diamond, is what TikTok pays creators: about 50% of the value of the coins
# viewers spend on gifts (one coin costs about a cent and one diamond is
# worth half a coin). TikTok does not publish the rate and it varies
# slightly; to use another one, copy this file, change the multiply line
# and import with --profile FILE.
source      tiktok-live-diamonds
title       TikTok LIVE gifts per LIVE session, in diamonds (converted at 0.005 USD a diamond)
confidence  assumed
header      Date,LIVE ID,LIVE title,Duration,Viewers,Gifters,Diamonds

decimal     .
date-format yyyy-mm-dd | mmm d, yyyy

set platform tiktok
set program  live-gifts
set status   approved

map date         Date
map external-id  LIVE ID
map description  LIVE title
map amount       Diamonds
multiply         0.005
set currency     USD
