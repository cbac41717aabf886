# bunq account statement, app > account > Export statement > CSV (files
# named like 2026-09-30_21-14-03_bunq-statement.csv). Semicolon-separated,
# quoted; one row per booked movement.
#
# SEEN-CODE only: the header is from a hand-written multi-bank fixture and
# a parser that reads Amount with the nl-NL culture, i.e. a decimal comma
# ("-1.250,00"), signed as the change to the balance. The mark is decided
# from the file (decimal auto), so an export with decimal points reads
# too; a file that mixes both is refused. "Account" is the own IBAN,
# "Counterparty" the other side's, "Name" its name.
#
# Every movement is a transfer: the bank balance stays true, and a deposit
# from a platform is left to reconciliation. The program is the account
# ("Account", the own IBAN in lower case). No transaction id: identical
# rows stay separate entries, told apart by their order in the file.
source      bunq
title       bunq statement CSV (Date;Interest Date;Amount;Account;Counterparty;Name;Description)
confidence  seen-code
header      Date,Interest Date,Amount,Account,Counterparty,Name,Description

decimal     auto
date-format yyyy-mm-dd

set platform bunq
set kind     transfer
set currency EUR

map date         Date
map amount       Amount
map program      Account
default program  current-account
map counterparty Name
map description  Description
