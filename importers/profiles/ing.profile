# ING (Netherlands) current account, Mijn ING > Af- en bijschrijvingen >
# Downloaden > "Kommagescheiden CSV". One row per booked movement, newest
# first, every field quoted.
#
# The download comes comma- or semicolon-separated (the user picks), with
# the older 9 columns ("MutatieSoort" with a capital S in the oldest files)
# or the current 11 ("Saldo na mutatie" and "Tag" added), and files with an
# extra column exist: the columns are found by name (detect columns), the
# delimiter is sniffed. Dates are yyyymmdd; "Bedrag (EUR)" is unsigned with
# a decimal comma ("1.300,00"), and "Af Bij" signs it (Af: money leaves the
# account). The account is in euros.
#
# Every movement is a transfer: the bank balance stays true, and a deposit
# from a platform is left to reconciliation. The program is the account
# ("Rekening", its IBAN in lower case), so two accounts' statements never
# take each other's rows for their own. There is no transaction id:
# identical rows (two "Kosten OranjePakket" on one day) stay two entries,
# told apart by their order in the file.
#
# "Saldo na mutatie", when the download has it, is the balance after each
# row: the file is refused where the running balance breaks (a row
# missing or doubled), newest first as the dates run.
source      ing
title       ING current account (Datum,Naam / Omschrijving,...,Af Bij,Bedrag (EUR),Mutatiesoort,Mededelingen[,Saldo na mutatie,Tag])
confidence  seen-file
header      Datum,Naam / Omschrijving,Rekening,Tegenrekening,Code,Af Bij,Bedrag (EUR),Mutatiesoort,Mededelingen,Saldo na mutatie,Tag
detect      columns
require     Rekening
require     Tegenrekening
require     Code
require     Mutatiesoort
require     Mededelingen

decimal     ,
date-format yyyymmdd

set platform ing
set kind     transfer
set currency EUR

map date         Datum
map amount       Bedrag (EUR)
map direction    Af Bij
value direction Af  = debit
value direction Bij = credit
balance-optional Saldo na mutatie
map program      Rekening
default program  current-account
map counterparty Naam / Omschrijving
template description {Mutatiesoort}: {Mededelingen}
