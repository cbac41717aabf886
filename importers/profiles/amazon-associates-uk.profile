# Amazon Associates Fee-Earnings report, UK layout (amazon.co.uk): the same
# report as amazon-associates-us, but the column names carry no currency
# (amounts are in GBP) and there is a 13th column, Direct.
#
# The header is SEEN-CODE; the date format was not seen, so ISO dates and
# UK day-first dates are accepted.
source      amazon-associates-uk
title       Amazon Associates Fee-Earnings report, UK layout (GBP, Direct column)
confidence  seen-code
header      Category,Name,ASIN,Seller,Tracking ID,Date Shipped,Price,Items Shipped,Returns,Revenue,Ad Fees,Device Type Group,Direct

decimal     .
date-format yyyy-mm-dd | dd/mm/yyyy

set platform  amazon-associates
set program   associates
set status    approved
set currency  GBP
negative-kind reversal

map date         Date Shipped
map amount       Ad Fees
template external-id {ASIN}/{Tracking ID}/{Device Type Group}/{Seller}
map description  Name
skip-row Category starts-with Total
