# TikTok Subscriptions: monthly subscriptions viewers buy, per day.
#
# No public export layout exists (formats.md 4.3): the columns follow what
# TikTok Studio shows. One row is one day; the external id "day" makes a
# re-export with a corrected amount an update.
source      tiktok-subscriptions
title       TikTok Subscriptions revenue per day (TikTok Studio)
confidence  assumed
header      Date,Active subscribers,New subscribers,Estimated rewards (USD)

decimal     .
date-format yyyy-mm-dd | mmm d, yyyy

set platform    tiktok
set program     subscriptions
set status      approved
set external-id day
set description Subscriptions

map date     Date
map amount   Estimated rewards (*)
set currency from-header
