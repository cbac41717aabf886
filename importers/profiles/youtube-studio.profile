# YouTube Studio: Analytics > Advanced mode > Content > Export current view
# > Comma-separated values. The ZIP holds "Table data.csv": one row per
# video for the period picked in Studio, a Total row first, the revenue
# currency only in the column name ("Estimated revenue (USD)", or the
# channel's currency such as EUR), and video ids that start with '-'
# written with a leading space (" -HHGH-TTqYM"), which is trimmed.
#
# The column set depends on the metrics picked; this profile needs Content,
# Video title, Video publish time and Estimated revenue, and reads Views
# when present. A video with an empty revenue cell (not monetised) gives no
# entry; a 0 gives an entry of 0.
#
# The period is NOT in the file. Entries are dated on the last day of the
# period, taken from the file name: the ZIP Studio downloads is named after
# the range (for example "Content 2024-09-01_2024-09-30 My Channel.zip"),
# so name the extracted file after it, e.g.
# "youtube 2024-09-01_2024-09-30.csv" or "youtube 2024-09.csv". A file
# whose name has no date is refused. (The publish date is not used: it is
# not when the money was earned, and two months of the same video would
# collide.) To date every entry yourself instead, copy this file and
# replace "set date file-name" with e.g. "set date 2024-09-30".
#
# Opened in Excel with a Dutch or German locale and saved again, the file
# is ';'-separated with decimal commas ("412,887"): decimal . then decides
# the mark from the file's revenue cells (docs/profiles.md, "Decimal marks").
#
# The export does not say which videos are Shorts, so every entry is
# program long-form. Revenue is an estimate until AdSense finalises the
# month: entries are estimated; a later export of the same period updates
# them (identity: period end, video id).
source      youtube-studio
title       YouTube Studio content export (Table data.csv) with Estimated revenue; period from the file name
confidence  seen-file
header      Content,Video title,Video publish time,Duration,Views,Watch time (hours),Subscribers,Estimated revenue (USD),Impressions,Impressions click-through rate (%)
detect      columns
require     Video publish time

decimal     .

set platform youtube
set program  long-form
set status   estimated
set date     file-name

map external-id  Content
map description  Video title
map-optional views Views
map amount       Estimated revenue (*)
set currency     from-header

skip-row Content is Total
skip-row Estimated revenue (*) empty
