# Amazon Associates Fee-Earnings report with the currency in the column
# names: US and CA "($)", India "(Rs.)" (tab-separated there), downloaded
# as CSV: a title line "Fee-Earnings reports from YYYY-MM-DD to
# YYYY-MM-DD" before the header (skipped), the currency only in the column
# names ("Ad Fees($)"), and rows starting with "Total" to leave out.
#
# One row is one item line (ASIN x tracking id x ship date x seller x
# device). Ad Fees is what you earn. Returns are their own rows with
# negative fees: they become reversals (negative-kind), dated on their own
# row. The header is SEEN-CODE in other importers; the date format of
# "Date Shipped" was not seen, so ISO dates and US month-first dates are
# accepted.
#
# amazon.ca writes the same header, "($)" included, in Canadian dollars;
# nothing in the file tells the two apart, so a Canadian report needs a copy
# of this profile with "set currency CAD" (docs/profiles.md, "Amazon.ca").
source      amazon-associates-us
title       Amazon Associates Fee-Earnings report, US layout: currency in the column names (Price($), Ad Fees($), Ad Fees(Rs.))
confidence  seen-code
header      Category,Name,ASIN,Seller,Tracking ID,Date Shipped,Price(*),Items Shipped,Returns,Revenue(*),Ad Fees(*),Device Type Group

decimal     .
date-format yyyy-mm-dd | mm/dd/yyyy

set platform  amazon-associates
set program   associates
set status    approved
negative-kind reversal

map date         Date Shipped
map amount       Ad Fees(*)
set currency     from-header
template external-id {ASIN}/{Tracking ID}/{Device Type Group}/{Seller}
map description  Name
skip-row Category starts-with Total
