# TikTok LIVE gifts, per LIVE session, in US dollars.
#
# No public export layout exists (formats.md 4.3): the columns follow the
# LIVE analytics TikTok Studio shows per session. When your download only
# has diamonds, tiktok-live-diamonds reads it instead. Diamonds become
# withdrawable rewards at once, so entries are approved.
source      tiktok-live-gifts
title       TikTok LIVE gifts per LIVE session, rewards in USD (TikTok Studio)
confidence  assumed
header      Date,LIVE ID,LIVE title,Duration,Viewers,Gifters,Diamonds,Estimated rewards (USD)

decimal     .
date-format yyyy-mm-dd | mmm d, yyyy

set platform tiktok
set program  live-gifts
set status   approved

map date         Date
map external-id  LIVE ID
map description  LIVE title
map amount       Estimated rewards (*)
set currency     from-header
