# Awin publisher transactions: one row per commission.
#
# DOCS ONLY: the CSV the Awin UI exports was not found. The columns are the
# publisher Transactions API fields, flattened with a dot
# (commissionAmount.amount), as API-based exports write them.
# commissionStatus pending, approved, declined or deleted; paidToPublisher
# true marks a paid commission. The date is the transaction date, which
# stays the same when the status changes, so a later export updates it.
source      awin
title       Awin publisher transactions (API field names: transactionDate, commissionStatus, commissionAmount.amount)
confidence  docs
header      id,advertiserId,advertiserName,transactionDate,validationDate,commissionStatus,saleAmount.amount,commissionAmount.amount,commissionAmount.currency,orderRef,clickRefs.clickRef,paidToPublisher

decimal     .
date-format yyyy-mm-dd

set platform awin
set program  publisher

map date         transactionDate
map external-id  id
map counterparty advertiserName
map description  orderRef
map amount       commissionAmount.amount
map currency     commissionAmount.currency

map status       commissionStatus
value status pending  = pending
value status approved = approved
value status declined = reversed
value status deleted  = reversed
when paidToPublisher is true set status paid
