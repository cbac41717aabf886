# TikTok Series: paid collections of videos, revenue per series and day.
#
# No public export layout exists (formats.md 4.3): the columns follow what
# TikTok Studio shows for Series.
source      tiktok-series
title       TikTok Series revenue per series and day (TikTok Studio)
confidence  assumed
header      Date,Series ID,Series title,Purchases,Estimated rewards (USD)

decimal     .
date-format yyyy-mm-dd | mmm d, yyyy

set platform tiktok
set program  series
set status   approved

map date         Date
map external-id  Series ID
map description  Series title
map amount       Estimated rewards (*)
set currency     from-header
