# Revolut account statement, app > account > Statement > Excel/CSV (the
# layout since 2021). Unquoted, comma-separated, one file per currency
# account; CRLF line ends in some downloads.
#
# Amount is signed as the change to the balance, with decimal points and
# sometimes no decimals ("-250"); Fee is positive and is taken from the
# balance as well, so a non-zero Fee becomes a fee entry of its own. A row
# is dated by "Started Date": a PENDING row has no "Completed Date" (and no
# Balance) yet, and keeps its date when a later export shows it COMPLETED,
# which then updates it. REVERTED, DECLINED and FAILED rows never changed
# the balance: they are kept, as status reversed, which balances and
# reports leave out. Type FEE rows (plan fees) are fees; everything else is
# a transfer, so the bank balance stays true and a deposit from a platform
# is left to reconciliation. Revolut gives no transaction id: identical
# rows stay separate entries, told apart by their order in the file.
#
# Balance, the balance after each completed row (its Amount less its
# Fee), is checked as a running balance: a file with a row missing or
# doubled is refused.
source      revolut
title       Revolut account statement (Type,Product,Started Date,Completed Date,Description,Amount,Fee,Currency,State,Balance)
confidence  seen-file
header      Type,Product,Started Date,Completed Date,Description,Amount,Fee,Currency,State,Balance

decimal     .
date-format yyyy-mm-dd

set platform revolut
set program  current-account
set kind     transfer

map date         Started Date
map amount       Amount
map fee          Fee
balance          Balance
map currency     Currency
map description  Description

map status       State
value status COMPLETED = approved
value status PENDING   = pending
value status REVERTED  = reversed
value status DECLINED  = reversed
value status FAILED    = reversed

when Type is FEE set kind fee
when Product is Savings set program savings
