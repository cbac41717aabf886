# TikTok video gifts: gifts viewers send on (non-LIVE) videos.
#
# No public export layout exists (formats.md 4.3): the columns follow what
# TikTok Studio shows per video and day.
source      tiktok-video-gifts
title       TikTok video gifts per video and day (TikTok Studio)
confidence  assumed
header      Date,Video ID,Video title,Gifts,Diamonds,Estimated rewards (USD)

decimal     .
date-format yyyy-mm-dd | mmm d, yyyy

set platform tiktok
set program  video-gifts
set status   approved

map date         Date
map external-id  Video ID
map description  Video title
map amount       Estimated rewards (*)
set currency     from-header
