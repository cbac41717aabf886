# TikTok Shop affiliate commissions, one row per order.
#
# No public export layout exists (formats.md 4.3): the columns follow the
# affiliate orders list of TikTok Shop (Seller/Creator Center). A
# commission keeps its date (the order date) and kind when its status
# changes, so a later export updates it: Pending, then Settled (in the
# balance), or Refunded (reversed: the income report leaves it out).
source      tiktok-shop-affiliate
title       TikTok Shop affiliate commissions per order (pending, settled, refunded)
confidence  assumed
header      Order ID,Order date,Product name,Shop name,Payment amount,Commission rate,Estimated commission,Currency,Status

decimal     .
date-format yyyy-mm-dd | mmm d, yyyy

set platform tiktok
set program  shop-affiliate

map date         Order date
map external-id  Order ID
map description  Product name
map counterparty Shop name
map amount       Estimated commission
map currency     Currency

map status       Status
value status Pending    = pending
value status Settled    = approved
value status Refunded   = reversed
value status Ineligible = reversed
