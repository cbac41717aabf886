# TikTok Creator Rewards Program: estimated rewards per video and day.
#
# No public TikTok export layout exists (formats.md 4.3). This profile
# matches the columns TikTok Studio shows under Creator Rewards (per video:
# views, qualified views, RPM, estimated rewards). If your download differs,
# copy this file, change the header and map lines, and pass it with
# import --profile FILE.
#
# Only videos of at least one minute earn Creator Rewards; other videos do
# not appear in this report. Rewards are estimates until TikTok confirms
# them: a later export with the confirmed amount updates the same entry,
# because the identity is the date, the video id and the program.
source      tiktok-creator-rewards
title       TikTok Creator Rewards: estimated rewards per video and day (TikTok Studio)
confidence  assumed
header      Date,Video ID,Video title,Video views,Qualified views,RPM (USD),Estimated rewards (USD),Status

decimal     .
date-format yyyy-mm-dd | mmm d, yyyy

set platform tiktok
set program  creator-rewards

map date            Date
map external-id     Video ID
map description     Video title
map views           Video views
map qualified-views Qualified views
map amount          Estimated rewards (*)
set currency        from-header

map status          Status
value status Estimated = estimated
value status Pending   = estimated
value status Confirmed = approved
value status Final     = approved
value status Paid      = paid
value status Adjusted  = approved
