# Ko-fi transactions: donations, memberships, commissions and shop orders.
#
# DOCS ONLY: no Ko-fi CSV layout was found; the columns are the field names
# of Ko-fi's webhook data (timestamp, type, from_name, message, amount,
# currency, is_subscription_payment, kofi_transaction_id). Ko-fi pays
# through PayPal or Stripe at the time of the sale, so entries are
# approved.
source      kofi
title       Ko-fi transactions (webhook field names: timestamp, type, from_name, amount, currency, kofi_transaction_id)
confidence  docs
header      timestamp,type,from_name,message,amount,currency,is_subscription_payment,kofi_transaction_id

decimal     .
date-format yyyy-mm-dd

set platform kofi
set program  creator
set status   approved

map date         timestamp
map external-id  kofi_transaction_id
map counterparty from_name
template description {type}: {message}
map amount       amount
map currency     currency
