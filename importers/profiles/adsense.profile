# Google AdSense report (Reports > export): one row per day, or per day and
# site. The plain "CSV" download is UTF-16LE with a BOM and tab-separated,
# the "CSV (Excel)" one UTF-8; both read the same. The currency is only in
# the column name ("Estimated earnings (USD)").
#
# Earnings are estimated until AdSense finalises the month; a later export
# updates them (identity: date and site).
source      adsense
title       Google AdSense report: estimated earnings per day (and site)
confidence  seen-code
header      Date,Site,Estimated earnings (USD),Page views,Page RPM (USD),Impressions,Impression RPM (USD),Active View Viewable,Clicks
detect      columns
require     Clicks

decimal     .
date-format yyyy-mm-dd

set platform adsense
set program  adsense
set status   estimated

map date            Date
map amount          Estimated earnings (*)
set currency        from-header
map-optional external-id Site
default external-id day
map-optional views  Page views
template description AdSense

skip-row Date is Totals
skip-row Date is Total
skip-row Date is Averages
