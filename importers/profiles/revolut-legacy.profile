# Revolut statement in the layout before 2021: one file per currency
# account, newest first, the currency only in the column names ("Paid Out
# (EUR)"). Fields are separated by " , " (spaces around the commas, which
# are trimmed); some rows lack the empty Notes field at the end. Dates are
# written "9 Feb 2021"; amounts are unsigned with a decimal point, in
# "Paid Out" (money leaving the account) or "Paid In". Only completed
# movements are listed. "Exchange Out"/"Exchange In" show the other side
# of a conversion ("GBP 19.35") and are not read: that side is in the
# other currency's own statement.
#
# Every movement is a transfer on platform revolut, like the current
# layout (source revolut): the bank balance stays true, and a deposit from
# a platform is left to reconciliation. No transaction id: identical rows
# stay separate entries, told apart by their order in the file.
#
# "Balance (EUR)" is checked as a running balance, newest first as the
# dates run: a file with a row missing or doubled is refused.
source      revolut-legacy
title       Revolut statement before 2021 (Completed Date , Description , Paid Out (EUR) , Paid In (EUR) , ... , Balance (EUR), Category, Notes)
confidence  seen-file
header      Completed Date,Description,Paid Out (*),Paid In (*),Exchange Out,Exchange In,Balance (*),Category,Notes

decimal     .
date-format d mmm yyyy

set platform revolut
set program  current-account
set kind     transfer
set currency from-header

map date         Completed Date
map debit        Paid Out (*)
map credit       Paid In (*)
balance          Balance (*)
map description  Description
