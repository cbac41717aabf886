# TikTok Creator Fund (legacy, replaced by Creator Rewards in 2023-2024):
# estimated earnings per day.
#
# No public export layout exists (formats.md 4.3): the columns follow what
# the Creator Fund dashboard showed (date, video views, estimated
# earnings). The fund has closed, so every export is history: entries are
# approved. One row is one day; the external id "day" makes a re-export of
# the same day with a corrected amount an update rather than a second entry.
source      tiktok-creator-fund
title       TikTok Creator Fund (legacy): estimated earnings per day
confidence  assumed
header      Date,Video views,Estimated earnings (USD)

decimal     .
date-format yyyy-mm-dd | mmm d, yyyy

set platform    tiktok
set program     creator-fund
set status      approved
set external-id day
set description Creator Fund daily earnings

map date     Date
map views    Video views
map amount   Estimated earnings (*)
set currency from-header
