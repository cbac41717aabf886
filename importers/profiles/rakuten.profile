# Rakuten Advertising publisher transactions: one row per order.
#
# DOCS ONLY: the CSV of Rakuten's UI was not found. The columns are the
# field names of the events/transactions API (advertiser_id, order_id,
# sale_amount, commissions, currency, transaction_date, u1). The API has no
# status: Rakuten pays a commission after the advertiser has paid it, so
# entries are pending. Cancellations come as rows with negative
# commissions: reversals.
source      rakuten
title       Rakuten Advertising transactions (API field names: order_id, transaction_date, commissions, currency)
confidence  docs
header      advertiser_id,order_id,sale_amount,commissions,currency,transaction_date,u1

decimal     .
date-format yyyy-mm-dd | mm/dd/yyyy

set platform  rakuten
set program   publisher
set status    pending
negative-kind reversal

map date         transaction_date
template external-id {advertiser_id}/{order_id}
map description  u1
map amount       commissions
map currency     currency
