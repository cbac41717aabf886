# LTK (rewardStyle / LIKEtoKNOW.it) creator commissions, per day and
# retailer.
#
# ASSUMED: no LTK export layout or API field list was found (formats.md
# 3.8). The columns follow what the LTK Creator app shows under Earnings
# (date, retailer, product, orders, commission, status). Copy this file and
# change the header and map lines to match your download.
source      ltk
title       LTK (rewardStyle) creator commissions per day and retailer
confidence  assumed
header      Date,Retailer,Product,Orders,Commission (USD),Status

decimal     .
date-format yyyy-mm-dd | mm/dd/yyyy

set platform ltk
set program  creator

map date         Date
map counterparty Retailer
map description  Product
template external-id {Retailer}/{Product}
map amount       Commission (*)
set currency     from-header

map status       Status
value status Pending  = pending
value status Open     = pending
value status Approved = approved
value status Paid     = paid
value status Reversed = reversed
value status Returned = reversed
