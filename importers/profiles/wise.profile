# Wise (formerly TransferWise) balance statement, Account > Statements >
# CSV, one file per currency balance, newest first. The 2020 layout has 22
# columns; the current one inserts "Note" before "Total fees": columns are
# found by name, so both read. Quoted only where needed; Date is
# dd-mm-yyyy; Amount is signed as the change to the balance, with decimal
# points.
#
# Wise's own charges are rows of their own, "TransferWise Charges for:
# TRANSFER-..." with the movement's id (2020) or "Wise Charges for: ..."
# with id FEE-<id> (now): those are fee entries. The movement's row already
# excludes them and its "Total fees" only repeats them, so it is not read
# (nothing is counted twice). Everything else is a transfer, so the bank
# balance stays true and a deposit from a platform is left to
# reconciliation. "TransferWise ID" is the external id.
#
# "Running Balance" is checked as a running balance (a charge row moves it
# too), newest first as the dates run: a file with a row missing or
# doubled is refused.
source      wise
title       Wise balance statement ("TransferWise ID",Date,"Date Time",Amount,Currency,Description,...,"Total fees",...,"Transaction Type","Transaction Details Type")
confidence  seen-file
header      TransferWise ID,Date,Date Time,Amount,Currency,Description,Payment Reference,Running Balance,Exchange From,Exchange To,Exchange Rate,Payer Name,Payee Name,Payee Account Number,Merchant,Card Last Four Digits,Card Holder Full Name,Attachment,Note,Total fees,Exchange To Amount,Transaction Type,Transaction Details Type
detect      columns
require     Running Balance
require     Total fees
require     Transaction Type

decimal     .
date-format dd-mm-yyyy

set platform wise
set program  current-account
set kind     transfer

map date         Date
map amount       Amount
map currency     Currency
balance          Running Balance
map external-id  TransferWise ID
template counterparty {Payer Name}{Payee Name}{Merchant}
template description {Description}; {Payment Reference}

when TransferWise ID starts-with FEE- set kind fee
when Description starts-with TransferWise Charges for set kind fee
when Description starts-with Wise Charges for set kind fee
